import { sql } from 'kysely';
import type { Database } from '../apps/server/src/db/database.js';
import { sha256 } from '../apps/server/src/platform/auth/secrets.js';
import { indexTokens } from '../apps/server/src/platform/text/tokenize.js';

/** Subjects and first messages the seeded tickets cycle through (English, Chinese, Arabic). */
const TEMPLATES = [
  ['Charged twice for my subscription', 'My card was charged twice this month, please refund one payment.'],
  ['Cannot log in after password reset', 'The reset link works but the new password is rejected.'],
  ['How do I export all tickets?', 'We need every ticket as CSV for a quarterly report.'],
  ['Checkout page shows payment failed', 'Customers see payment failed at checkout since this morning.'],
  ['Sync between devices is slow', 'Changes take minutes to appear on my phone.'],
  ['Invoice needs our VAT number', 'Please add our VAT number to the last invoices.'],
  ['Two-factor codes do not arrive', 'I never receive the SMS code when logging in.'],
  ['API returns 500 on large exports', 'Exports over 90 days fail with an internal error.'],
  ['Upgrade to the business plan', 'We want 40 seats on the business plan.'],
  ['Webhook deliveries marked failed', 'Our endpoint answers 200 but the dashboard shows failures.'],
  ['申请退款：重复扣费', '您好，我这个月的订阅被扣了两次费用，请帮我退回其中一笔。'],
  ['无法登录账户', '输入密码后一直提示账户或密码错误。'],
  ['如何导出全部工单数据', '我们需要把所有工单导出成表格做季度报告。'],
  ['数据导入失败', '导入文件时提示第 1024 行格式错误。'],
  ['طلب استرداد مبلغ مدفوع مرتين', 'تم خصم قيمة الاشتراك مرتين هذا الشهر، أرجو استرداد أحد المبلغين.'],
  ['لا أستطيع تسجيل الدخول', 'تظهر رسالة كلمة المرور غير صحيحة رغم أنها صحيحة.'],
  ['استيراد البيانات متوقف', 'استيراد الملف متوقف عند تسعة وتسعين بالمئة منذ ساعة.'],
] as const;

const STATUSES = [
  'open',
  'open',
  'open',
  'new',
  'pending',
  'pending',
  'solved',
  'solved',
  'solved',
  'closed',
];
const CHANNELS = ['email', 'email', 'web', 'chat', 'api', 'facebook', 'twitter', 'app_store'];
const CUSTOMERS = 2000;
const AGENTS = 60;
const BATCH = 20_000;

export type SeedResult = {
  adminEmail: string;
  token: string;
  requesterIds: number[];
  maxTicketId: number;
  unsolvedViewId: number;
};

/**
 * Fills a migrated database with `tickets` tickets (each with an audit and a first
 * comment, search tokens as the tickets service writes them), 2,000 customers, 60
 * agents in three tiers, and an admin token for the load. Plain SQL in batches, with
 * progress, so a million tickets take minutes rather than hours.
 */
export async function seedBench(
  database: Database,
  tickets: number,
  progress: (message: string) => void,
): Promise<SeedResult> {
  const { db } = database;
  const admin = await db
    .insertInto('users')
    .values({ name: 'Bench Admin', email: ADMIN_EMAIL, role: 'admin', agent_level: 'senior' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = await benchToken(database, admin.id);
  for (const tier of [1, 2, 3])
    await db
      .insertInto('groups')
      .values({ name: `Tier ${tier}`, tier })
      .execute();
  await sql`insert into users (name, email, role, agent_level)
    select 'Agent ' || g, 'agent' || g || '@bench.test', 'agent', (array['junior','mid','senior'])[1 + g % 3] from generate_series(1, ${AGENTS}) g`.execute(
    db,
  );
  await sql`insert into group_memberships (user_id, group_id)
    select u.id, (select id from groups order by id offset (u.id % 3) limit 1) from users u where u.email like 'agent%@bench.test'`.execute(
    db,
  );
  await sql`insert into users (name, email, role)
    select 'Customer ' || g, 'customer' || g || '@bench.test', 'end-user' from generate_series(1, ${CUSTOMERS}) g`.execute(
    db,
  );
  const customers = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', 'customer%@bench.test')
    .orderBy('id')
    .execute();
  const agents = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', 'agent%@bench.test')
    .orderBy('id')
    .execute();
  const groups = await db.selectFrom('groups').select('id').orderBy('id').execute();

  await sql`create temporary table bench_templates (i int primary key, subject text, body text, tokens text[])`.execute(
    db,
  );
  for (const [i, [subject, body]] of TEMPLATES.entries()) {
    await sql`insert into bench_templates values (${i}, ${subject}, ${body}, ${indexTokens(`${subject}\n${body}`)}::text[])`.execute(
      db,
    );
  }
  const minCustomer = customers[0]!.id;
  const minAgent = agents[0]!.id;
  const minGroup = groups[0]!.id;
  const started = Date.now();
  for (let from = 1; from <= tickets; from += BATCH) {
    const to = Math.min(tickets, from + BATCH - 1);
    await sql`insert into tickets (subject, description, status, priority, type, requester_id, submitter_id, assignee_id, group_id, via_channel, tags, search_tokens, created_at, updated_at, solved_at)
      select t.subject || ' #' || g, t.body,
        (${sql.val(STATUSES)}::text[])[1 + g % ${STATUSES.length}],
        (array['low','normal','normal','high','urgent'])[1 + g % 5],
        (array['question','incident','problem','task'])[1 + g % 4],
        ${minCustomer} + g % ${CUSTOMERS}, ${minCustomer} + g % ${CUSTOMERS},
        case when g % 10 < 8 then ${minAgent} + g % ${AGENTS} end,
        ${minGroup} + g % 3,
        (${sql.val(CHANNELS)}::text[])[1 + g % ${CHANNELS.length}],
        array['bench', 'tag' || (g % 50)],
        t.tokens || array[('n' || g)::text],
        now() - make_interval(mins => ((${tickets} - g)::float8 * 525600 / ${tickets})::int + 30),
        now() - make_interval(mins => ((${tickets} - g)::float8 * 525600 / ${tickets})::int),
        case when g % 10 >= 6 then now() - make_interval(mins => ((${tickets} - g)::float8 * 525600 / ${tickets})::int) end
      from generate_series(${from}::int, ${to}::int) g
      join bench_templates t on t.i = g % ${TEMPLATES.length}`.execute(db);
    await sql`insert into ticket_audits (ticket_id, author_id, via_channel, created_at)
      select id, requester_id, via_channel, created_at from tickets where id between ${from} and ${to}`.execute(
      db,
    );
    await sql`insert into ticket_comments (ticket_id, audit_id, author_id, public, body, html_body, via_channel, created_at)
      select a.ticket_id, a.id, a.author_id, true, t.description, '<p>' || t.description || '</p>', a.via_channel, a.created_at
      from ticket_audits a join tickets t on t.id = a.ticket_id where a.ticket_id between ${from} and ${to}`.execute(
      db,
    );
    const rate = Math.round(to / ((Date.now() - started) / 1000));
    progress(
      `seeded ${to.toLocaleString('en-US')} / ${tickets.toLocaleString('en-US')} tickets (${rate.toLocaleString('en-US')}/s)`,
    );
  }
  await sql`analyze`.execute(db);
  return (await seededBench(database, token))!;
}

const ADMIN_EMAIL = 'bench-admin@example.com';

/** A fresh API token for the bench admin; tokens are stored hashed, so a reused database needs a new one. */
async function benchToken(database: Database, adminId: number) {
  const token = `bench-token-${Date.now().toString(36)}`;
  await database.db
    .insertInto('api_tokens')
    .values({
      token_hash: sha256(token),
      token_hint: token.slice(-4),
      owner_id: adminId,
      acts_as_any_user: true,
      description: 'bench',
    })
    .execute();
  return token;
}

/**
 * What the load needs from a database `seedBench` filled earlier (`--database` reuses
 * one between runs), with a new token; null when it was never seeded.
 */
export async function seededBench(database: Database, token?: string): Promise<SeedResult | null> {
  const { db } = database;
  const admin = await db.selectFrom('users').select('id').where('email', '=', ADMIN_EMAIL).executeTakeFirst();
  if (!admin) return null;
  const customers = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', 'customer%@bench.test')
    .orderBy('id')
    .execute();
  const last = await db.selectFrom('tickets').select(sql<number>`max(id)`.as('id')).executeTakeFirstOrThrow();
  const view = await db
    .selectFrom('views')
    .select('id')
    .where('builtin', '=', 'all_unsolved')
    .executeTakeFirstOrThrow();
  return {
    adminEmail: ADMIN_EMAIL,
    token: token ?? (await benchToken(database, admin.id)),
    requesterIds: customers.map((c) => c.id),
    maxTicketId: Number(last.id),
    unsolvedViewId: view.id,
  };
}
