import type { Logger } from 'pino';
import { buildApp, type FrontlineApp } from '../app.js';
import { type Config, loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { AgentLevel, User, UserRole } from '../db/schema.js';
import { type Clock, ManualClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { openTestDatabase } from './databases.js';

export type TestApp = {
  app: FrontlineApp;
  database: Database;
  url: string;
  clock: Clock;
  config: Config;
  close(): Promise<void>;
};

/**
 * A real Frontline on a loopback port with its own database. Jobs do not run on their
 * own: tests call `app.jobs.runDue()` so what they assert does not race a timer.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; clock?: Clock; logger?: Logger } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock(new Date());
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = await buildApp({ config, database, logger, clock });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    database,
    url: `http://127.0.0.1:${port}`,
    clock,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let sequence = 0;

export type UserSpec = {
  role?: UserRole;
  name?: string;
  email?: string;
  level?: AgentLevel;
  lightAgent?: boolean;
  organizationId?: number | null;
  ticketRestriction?: User['ticket_restriction'];
  groupIds?: number[];
  password?: string;
};

/** Creates a user directly (not through the API) with an API token that acts only as them. */
export async function createUser(t: TestApp, spec: UserSpec = {}) {
  sequence += 1;
  const role = spec.role ?? 'end-user';
  const email = spec.email ?? `${role.replace('-', '')}${sequence}.${Date.now().toString(36)}@example.test`;
  const { db } = t.database;
  const user = await db
    .insertInto('users')
    .values({
      name: spec.name ?? `${role} ${sequence}`,
      email,
      role,
      agent_level: role === 'end-user' ? null : (spec.level ?? 'mid'),
      light_agent: spec.lightAgent ?? false,
      organization_id: spec.organizationId ?? null,
      ticket_restriction: spec.ticketRestriction ?? null,
      password_hash: spec.password
        ? await (await import('../platform/auth/passwords.js')).hashPassword(spec.password)
        : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const groupId of spec.groupIds ?? []) {
    await db.insertInto('group_memberships').values({ user_id: user.id, group_id: groupId }).execute();
  }
  const { token } = await t.app.auth.createToken({
    ownerId: user.id,
    description: 'test',
    actsAsAnyUser: role === 'admin',
  });
  const authorization = `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
  return { user, token, authorization, bearer: `Bearer ${token}` };
}

export type TestUser = Awaited<ReturnType<typeof createUser>>;

export async function createGroup(t: TestApp, name: string, tier: number | null = null) {
  return t.database.db.insertInto('groups').values({ name, tier }).returningAll().executeTakeFirstOrThrow();
}

export async function createOrganization(t: TestApp, name: string, domains: string[] = []) {
  return t.database.db
    .insertInto('organizations')
    .values({ name, domain_names: domains })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** fetch against the test app with JSON in and out. */
export async function api(
  t: TestApp,
  who: TestUser | string | null,
  method: string,
  path: string,
  body?: unknown,
) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (who) headers.authorization = typeof who === 'string' ? who : who.authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, body: json };
}
