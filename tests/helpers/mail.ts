import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'net';

/** One message the test SMTP server received, decoded enough to read. */
export interface CapturedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface MailSink {
  port: number;
  messages: CapturedMail[];
  /** While true, every delivery is refused with a temporary failure (451). */
  rejecting: boolean;
  /** Messages to one address (case-insensitive). */
  to(address: string): CapturedMail[];
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  clear(): void;
  stop(): Promise<void>;
}

const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

const decodeBody = (body: string, encoding: string | undefined) => {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
};

const decodeWords = (value: string) =>
  value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );

const splitHeaders = (raw: string): { headers: Record<string, string>; body: string } => {
  const separator = raw.search(/\r?\n\r?\n/);
  const head = separator === -1 ? raw : raw.slice(0, separator);
  const body = separator === -1 ? '' : raw.slice(separator).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
};

/** Walks a MIME tree and collects the text and HTML parts. */
const collectParts = (raw: string, into: { text: string; html: string }) => {
  const { headers, body } = splitHeaders(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), into);
    }
    return;
  }
  const decoded = decodeBody(body, headers['content-transfer-encoding']);
  if (type.toLowerCase().startsWith('text/html')) into.html += decoded;
  else into.text += decoded;
};

export const parseMail = (raw: string, to: string[]): CapturedMail => {
  const { headers } = splitHeaders(raw);
  const parts = { text: '', html: '' };
  collectParts(raw, parts);
  return { to, from: headers.from ?? '', subject: decodeWords(headers.subject ?? ''), text: parts.text, html: parts.html, raw };
};

/** A real SMTP server on 127.0.0.1 (port 0) that keeps what it receives in memory. */
export const startMailSink = async (): Promise<MailSink> => {
  const messages: CapturedMail[] = [];
  const waiters: { predicate: (mail: CapturedMail) => boolean; resolve: (mail: CapturedMail) => void }[] = [];
  const sink = {
    port: 0,
    messages,
    rejecting: false,
  } as MailSink;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (sink.rejecting) {
        const error = new Error('mailbox temporarily unavailable') as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = parseMail(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
        );
        messages.push(mail);
        for (const waiter of [...waiters]) {
          if (waiter.predicate(mail)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(mail);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.to = (address: string) => messages.filter((mail) => mail.to.includes(address.toLowerCase()));
  sink.clear = () => {
    messages.length = 0;
  };
  sink.waitFor = (predicate, timeoutMs = 5000) => {
    const found = messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve: (mail: CapturedMail) => (clearTimeout(timer), resolve(mail)) };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no matching e-mail within ${timeoutMs} ms; received: ${messages.map((mail) => `${mail.to.join(',')}: ${mail.subject}`).join(' | ')}`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  };
  sink.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
};
