import { readFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer/lib/mailer';

/** The corpus of real-world-shaped messages (apps/server/test/fixtures/mail). */
export const FIXTURES = path.resolve(import.meta.dirname, '../../../../../test/fixtures/mail');

/** A fixture with its `{{NAME}}` placeholders filled in, byte for byte otherwise. */
export function fixture(name: string, vars: Record<string, string> = {}) {
  let text = readFileSync(path.join(FIXTURES, name)).toString('latin1');
  for (const [key, value] of Object.entries(vars)) text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text, 'latin1');
}

/** A customer's mail client: sends to our SMTP listener over loopback. */
export function mailClient(port: number) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    send: (message: SendMailOptions) => transport.sendMail(message),
    /** Sends raw bytes as they are (a forwarded or hand-made message). */
    sendRaw: (raw: Buffer, envelope: { from: string; to: string[] }) => transport.sendMail({ envelope, raw }),
    close: () => transport.close(),
  };
}

export type MailClient = ReturnType<typeof mailClient>;
