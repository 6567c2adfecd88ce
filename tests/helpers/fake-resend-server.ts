import { startFakeResend } from './fake-resend';

/** `npx tsx tests/helpers/fake-resend-server.ts`: the fake Resend API for Playwright and manual runs. */
const port = Number(process.env.FAKE_RESEND_PORT ?? 3999);

startFakeResend({ port })
  .then((fake) => {
    console.log(`fake resend listening on ${fake.url}`);
    const stop = () => {
      fake.close().finally(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    console.error(`fake resend could not start on port ${port}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
