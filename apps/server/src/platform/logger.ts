import pino from 'pino';

/** Paths whose values never reach a log line: credentials, cookies, tokens, passwords. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'api_token.token',
  'databaseUrl',
  'config.databaseUrl',
  'config.secretKey',
];

/**
 * A URL as logged: the parts that are credentials themselves (an attachment link's
 * signature, an upload token in the path or the query) are replaced.
 */
export function redactUrl(url: string) {
  return url
    .replace(/^(\/attachments\/[^/?]+\/)[^/?]+/, '$1[redacted]')
    .replace(/^(\/api\/v2\/uploads\/)[^/?]+/, '$1[redacted]')
    .replace(/([?&](?:token|access_token|api_token)=)[^&]*/gi, '$1[redacted]');
}

type LoggedRequest = {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
};

/** Fastify's request line, with the URL redacted. */
const requestSerializer = (req: LoggedRequest) => ({
  method: req.method,
  url: redactUrl(req.url),
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});

/** `destination` (tests) receives the JSON lines instead of stdout. */
export function createLogger(level: string, pretty = false, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
