/** Runs once when the server starts: check configuration, migrate, seed the demo, start the mail sender. */
/** Any server error that says the database is unreachable switches the app to fast 503s (see proxy.ts). */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { noteDatabaseError } = await import('./lib/health/database-status');
  noteDatabaseError(error);
}

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startApp } = await import('./lib/start-app');
  await startApp();
}
