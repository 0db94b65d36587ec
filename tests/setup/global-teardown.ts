export default async function globalTeardown() {
  await globalThis.__MENTORSHIP_PG__?.stop();
}
