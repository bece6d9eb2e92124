import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SunkMail = { from: string; to: string[]; raw: Buffer; parsed: ParsedMail };

/**
 * An SMTP server that keeps what it receives, standing in for the mail relay behind
 * SMTP_URL. `refuse` makes it answer the next messages with an error.
 */
export async function startSmtpSink() {
  const received: SunkMail[] = [];
  const waiters: (() => void)[] = [];
  let refusals: { code: number; count: number } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals && refusals.count > 0) {
          refusals.count -= 1;
          return callback(Object.assign(new Error('refused by test sink'), { responseCode: refusals.code }));
        }
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(code: number, count: number) {
      refusals = { code, count };
    },
    /** Resolves once `count` messages have arrived (or rejects after `ms`). */
    async waitFor(count: number, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} mails, the sink has ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
