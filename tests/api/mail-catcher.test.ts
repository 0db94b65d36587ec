import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { startMailCatcher, stopMailCatcher } from '../../src/dev/mail-catcher';
import { parseMail } from '../helpers/mail';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

describe('development mail catcher', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-catcher-'));
  const logged: string[] = [];
  const strapi = { dirs: { app: { root } }, log: { info: (line: string) => logged.push(line), warn: (line: string) => logged.push(line) } } as unknown as Core.Strapi;
  const saved = { host: process.env.SMTP_HOST, port: process.env.SMTP_PORT };

  afterAll(async () => {
    await stopMailCatcher();
    for (const [key, value] of [['SMTP_HOST', saved.host], ['SMTP_PORT', saved.port]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('when the app sends mail in development, then each message lands as an .eml file in .tmp/mail', async () => {
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(await freePort());
    await startMailCatcher(strapi);
    // nodemailer is what the e-mail provider uses; send the way the app does.
    const { createTransport } = await import('nodemailer');
    const transport = createTransport({ host: '127.0.0.1', port: Number(process.env.SMTP_PORT), secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'office@example.org', to: 'ada@example.org', subject: 'Hello Ada', text: 'Your request was accepted.' });
    transport.close();

    const directory = path.join(root, '.tmp', 'mail');
    const files = fs.readdirSync(directory).filter((file) => file.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const mail = parseMail(fs.readFileSync(path.join(directory, files[0]!), 'utf8'), ['ada@example.org']);
    expect(mail.subject).toBe('Hello Ada');
    expect(mail.text).toContain('Your request was accepted.');
    expect(logged.some((line) => line.includes('to ada@example.org: Hello Ada'))).toBe(true);
  });
});
