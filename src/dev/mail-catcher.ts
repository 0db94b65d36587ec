import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { SMTPServer } from 'smtp-server';

/**
 * In development the host app catches its own mail: a small SMTP server on 127.0.0.1:SMTP_PORT
 * (2525 by default, where config/plugins.ts sends) that writes every message it receives as an
 * .eml file into .tmp/mail/, readable in any mail program or text editor. Nothing leaves the machine.
 * Tests run their own SMTP server; production sends to a real one.
 */
let server: SMTPServer | null = null;
let received = 0;

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1'].includes(host);

export const mailDirectory = (strapi: Core.Strapi) => path.join(strapi.dirs.app.root, '.tmp', 'mail');

export const startMailCatcher = async (strapi: Core.Strapi): Promise<void> => {
  const host = process.env.SMTP_HOST ?? '127.0.0.1';
  const port = Number(process.env.SMTP_PORT ?? 2525);
  if (!isLocal(host)) return;
  const directory = mailDirectory(strapi);
  fs.mkdirSync(directory, { recursive: true });

  // smtp-server is a development dependency: loaded only here, never in production.
  const { SMTPServer: Server } = await import('smtp-server');
  const catcher = new Server({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received += 1;
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const file = path.join(directory, `${stamp}-${String(received).padStart(4, '0')}.eml`);
        const raw = Buffer.concat(chunks);
        const subject = /^Subject: (.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '';
        fs.writeFile(file, raw, (error) => {
          if (error) {
            callback(error);
            return;
          }
          const to = session.envelope.rcptTo.map((address) => address.address).join(', ');
          strapi.log.info(`[mail] to ${to}: ${subject} -> ${path.relative(strapi.dirs.app.root, file)}`);
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => {
    catcher.once('error', (error: NodeJS.ErrnoException) => {
      // Another instance (or a real SMTP server) already listens there: mail goes to it.
      strapi.log.warn(`[mail] catcher not started on ${host}:${port}: ${error.code ?? error.message}`);
      resolve();
    });
    catcher.listen(port, host, () => {
      server = catcher;
      strapi.log.info(`[mail] development mail goes to ${path.relative(strapi.dirs.app.root, directory)}/ (SMTP on ${host}:${port})`);
      resolve();
    });
  });
};

export const stopMailCatcher = async (): Promise<void> => {
  const running = server;
  server = null;
  if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
};
