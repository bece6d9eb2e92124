import { z } from 'zod';

const roles = ['api', 'worker', 'realtime', 'smtp'] as const;
export type Role = (typeof roles)[number];

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(16),
  PUBLIC_URL: z.url().optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  FRONTLINE_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('frontline'),
  FRONTLINE_SEED_DEMO: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(700),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  API_PASSWORD_AUTH: booleanFlag.default(false),
  TRUST_PROXY: booleanFlag.default(false),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  ROLES: z.string().optional(),
  MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name such as mail.example.com')
    .optional(),
  MAIL_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  AUTO_MAIL_PER_HOUR: z.coerce.number().int().min(1).default(10),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  publicUrl: string | undefined;
  secretKey: string | undefined;
  adminPassword: string;
  seedDemo: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  /** Failed sign-ins one address may make a minute across all accounts (password spraying). */
  loginRateLimitPerIpPerMinute: number;
  apiPasswordAuth: boolean;
  trustProxy: boolean;
  smtpPort: number | undefined;
  smtpUrl: string | undefined;
  /** The domain of the Message-IDs we send; defaults to the mailbox's domain. */
  mailDomain: string | undefined;
  /** The largest inbound message (SMTP, IMAP or webhook) we accept. */
  mailMaxMessageBytes: number;
  /** Automatic mails (acknowledgements, notifications) one customer address gets per hour at most. */
  autoMailPerHour: number;
  roles: Role[];
};

export class ConfigError extends Error {}

/** Parses the environment (and --flags) once at boot. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const rolesArg = argv.find((a) => a.startsWith('--roles='))?.slice('--roles='.length) ?? e.ROLES;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publicUrl: e.PUBLIC_URL,
    secretKey: e.SECRET_KEY,
    adminPassword: e.FRONTLINE_ADMIN_PASSWORD,
    seedDemo: e.FRONTLINE_SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerIpPerMinute: e.LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE,
    apiPasswordAuth: e.API_PASSWORD_AUTH,
    trustProxy: e.TRUST_PROXY,
    smtpPort: e.SMTP_PORT,
    smtpUrl: e.SMTP_URL,
    mailDomain: e.MAIL_DOMAIN?.toLowerCase(),
    mailMaxMessageBytes: e.MAIL_MAX_MESSAGE_BYTES,
    autoMailPerHour: e.AUTO_MAIL_PER_HOUR,
    roles: parseRoles(rolesArg),
  };
}

function parseRoles(value: string | undefined): Role[] {
  if (!value) return [...roles];
  const wanted = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = wanted.filter((r) => !(roles as readonly string[]).includes(r));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n  --roles: unknown role(s) ${unknown.join(', ')}; use ${roles.join(',')}`,
    );
  }
  return wanted as Role[];
}
