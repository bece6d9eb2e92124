import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Intake } from './inbound-intake.js';
import { normalizeAddress } from './mail-address.js';
import type { MailboxDirectory } from './mailbox-directory.js';

export type SmtpListenerOptions = {
  host: string;
  port: number;
  maxBytes: number;
  /** The name we greet with (EHLO/banner). */
  hostname: string;
  intake: Intake;
  mailboxes: MailboxDirectory;
  logger: Logger;
};

export type SmtpListener = { port: number; close(): Promise<void> };

function smtpError(code: number, message: string) {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The built-in SMTP listener: a receiving MX for our mailboxes only. Mail to any
 * other address is refused at RCPT (550, no relaying); mail over the size limit is
 * refused (552); a message is answered 250 only once it is stored with its job, so
 * a sender whose connection drops before that retries and nothing is lost.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { intake, logger, maxBytes } = options;
  const mailboxOf = async (address: string) => {
    const mailbox = await options.mailboxes.byAddress(address);
    return mailbox?.active ? mailbox.id : null;
  };

  const server = new SMTPServer({
    name: options.hostname,
    banner: 'Frontline mail intake',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    onMailFrom(address: SMTPServerAddress, _session: SMTPServerSession, callback) {
      const args = address.args || {};
      const declared = Number(args.SIZE ?? 0);
      if (declared > maxBytes)
        return callback(smtpError(552, `5.3.4 Message too big: the limit is ${maxBytes} bytes`));
      callback();
    },
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback) {
      const rcpt = normalizeAddress(address.address);
      if (!rcpt) return callback(smtpError(553, '5.1.3 Bad recipient address syntax'));
      mailboxOf(rcpt).then(
        (id) =>
          id === null ? callback(smtpError(550, '5.7.1 Relaying denied: no such mailbox here')) : callback(),
        () => callback(smtpError(451, '4.3.0 Temporary failure, try again later')),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          callback(smtpError(552, `5.3.4 Message too big: the limit is ${maxBytes} bytes`));
          return;
        }
        void store(Buffer.concat(chunks, size), session).then(
          (accepted) =>
            callback(
              null,
              `2.0.0 Stored as ${accepted.id}${accepted.duplicate ? ' (already received)' : ''}`,
            ),
          (error: unknown) => {
            logger.error({ err: error }, 'could not store an inbound message');
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      });
    },
  });

  async function store(raw: Buffer, session: SMTPServerSession) {
    const rcpts = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    let mailboxId: number | null = null;
    for (const rcpt of rcpts) {
      mailboxId = await mailboxOf(rcpt);
      if (mailboxId !== null) break;
    }
    const mailFrom = session.envelope.mailFrom;
    return intake.accept(raw, {
      mailboxId,
      source: 'smtp',
      envelopeFrom: mailFrom ? mailFrom.address : null,
      envelopeTo: rcpts,
    });
  }

  server.on('error', (error) => logger.warn({ err: error }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info(`SMTP listener on ${options.host}:${port}`);
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
