import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/*
 * A real SMTP server on a free loopback port for tests (the smtp-server package), collecting what
 * it receives, decoded enough to read: headers unfolded, encoded-word subjects and the body's
 * transfer encoding undone. STARTTLS is off (nodemailer would upgrade to it and refuse the
 * self-signed certificate). `refuse` makes it answer RCPT TO with 450, as a server in trouble.
 */

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** Header values by lower-case name (the last of a repeated header). */
  headers: Map<string, string>;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  inbox: ReceivedMail[];
  /** While true, every recipient is refused with 450. */
  refuse: boolean;
  close(): Promise<void>;
}

function quotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/gu, '').replace(/=([0-9A-F]{2})/giu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function encodedWords(text: string): string {
  return text
    .replace(/\?=\s+=\?/gu, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/giu, (_, mode: string, data: string) =>
      mode.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replaceAll('_', ' ')),
    );
}

/** A single-part message as the server got it. */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/u);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/gu, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/u, '');
  const headers = new Map(head.split(/\r?\n/u).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text = encoding === 'quoted-printable' ? quotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { to, subject: encodedWords(headers.get('subject') ?? ''), text: text.replace(/\r\n/gu, '\n'), headers };
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state = { inbox: [] as ReceivedMail[], refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refuse) return callback();
      callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 450 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        state.inbox.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return Object.assign(state, { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

/** An smtp:// address where nothing listens: a server started and closed at once. */
export async function closedSmtpUrl(): Promise<string> {
  const server = await startSmtpServer();
  await server.close();
  return server.url;
}
