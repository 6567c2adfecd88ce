/** Runs once when the server starts: check configuration, migrate, seed the demo, start the mail sender. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startApp } = await import('./lib/start-app');
  await startApp();
}
