/** Stops what the browser run's global setup started. */
export default async function globalTeardown() {
  await globalThis.__BROWSER_PG__?.stop();
}
