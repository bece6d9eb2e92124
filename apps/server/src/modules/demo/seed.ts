import type { Database } from '../../db/database.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { ManualClock } from '../../platform/clock.js';
import { createJobRunner } from '../../platform/jobs/jobs.js';
import { ensureDemoMailbox } from '../channels/email/index.js';
import { seedDemoKnowledgeBase } from '../kb/index.js';
import { createTicketsModule } from '../tickets/index.js';
import { seedWorkflowDefaults } from '../workflow/index.js';
import { ADMIN_EMAIL } from './bootstrap.js';
import { createDemoRepository } from './demo.repository.js';
import { demoAgents, demoCustomers, demoGroups, demoOrganizations } from './demo-people.js';
import { demoTickets } from './demo-tickets.js';
import { seedDemoWorkflow } from './demo-workflow.js';

const HOUR = 3_600_000;

/**
 * Seeds the demo workspace: organizations, three tiers with agents at each level, a
 * light agent, customers, and ~50 tickets across channels in English, Chinese and
 * Arabic with replies and internal notes. Tickets go through the tickets service (so
 * audits, events and search tokens are real) with a clock set back to each ticket's
 * time; no subscriber hears them, so nothing is mailed or routed. Then `refreshSla`
 * (the workflow module's) sets their SLA targets from that history: some running, some
 * near breach, some breached. Support hours, SLA policies by priority and a refund
 * action with limits per agent level come with the workflow defaults. Demo agents sign
 * in with the admin's password.
 */
export async function seedDemoWorkspace(
  database: Database,
  now: Date,
  password: string,
  progress: (message: string) => void,
  options: { refreshSla?: (ticketIds: number[]) => Promise<void> } = {},
) {
  const { db } = database;
  const repo = createDemoRepository(db);
  const passwordHash = await hashPassword(password);
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

  const orgs = [];
  for (const o of demoOrganizations) {
    orgs.push(
      await repo.insertOrganization({
        name: o.name,
        domain_names: o.domains,
        tags: o.tags,
        created_at: at(400),
        updated_at: at(400),
      }),
    );
  }
  const groups = [];
  for (const g of demoGroups) {
    groups.push(
      await repo.insertGroup({
        name: g.name,
        tier: g.tier,
        description: g.description,
        is_default: g.tier === 1,
        created_at: at(400),
        updated_at: at(400),
      }),
    );
  }
  const admin = await repo.userByEmail(ADMIN_EMAIL);
  for (const g of groups) await repo.addMembership({ user_id: admin.id, group_id: g.id });

  const agentsByTier = new Map<number, number[]>();
  for (const a of demoAgents) {
    const user = await repo.insertUser({
      name: a.name,
      email: a.email,
      role: 'agent',
      agent_level: a.level,
      light_agent: a.light ?? false,
      locale: a.locale,
      verified: true,
      password_hash: passwordHash,
      created_at: at(400),
      updated_at: at(400),
    });
    const group = groups.find((g) => g.tier === a.tier);
    if (group) {
      await repo.addMembership({ user_id: user.id, group_id: group.id, is_default: true });
      agentsByTier.set(a.tier, [...(agentsByTier.get(a.tier) ?? []), user.id]);
    }
  }
  progress(`${orgs.length} organizations, ${groups.length} tiers, ${demoAgents.length} agents`);
  await seedWorkflowDefaults(database);
  await ensureDemoMailbox(database);
  const workflow = await seedDemoWorkflow(repo, at(400));
  progress(
    `default triggers, automations and tier time limits; ${workflow.slaPolicies} SLA policies, support hours, a refund action; mailbox support@example.com`,
  );

  const kb = await seedDemoKnowledgeBase(db, at(300));
  progress(`help center: ${kb.categories} categories, ${kb.sections} sections, ${kb.articles} articles`);

  const customers = [];
  for (const c of demoCustomers) {
    const domain = c.email.split('@')[1]!;
    const org = orgs.find((o) => o.domain_names.includes(domain));
    customers.push(
      await repo.insertUser({
        name: c.name,
        email: c.email,
        role: 'end-user',
        locale: c.locale,
        organization_id: org?.id ?? null,
        created_at: at(380),
        updated_at: at(380),
      }),
    );
  }
  progress(`${customers.length} customers`);

  // A tickets service of its own: its clock walks through each ticket's history.
  const clock = new ManualClock(now);
  const jobs = createJobRunner({ database, clock, logger: { warn() {}, error() {} } as never });
  const tickets = createTicketsModule({ database, jobs, clock, secretKey: 'demo-seed' }).service;
  const actorOf = (userId: number) => repo.actor(userId);

  let done = 0;
  const ticketIds: number[] = [];
  for (const [index, t] of demoTickets.entries()) {
    const customer = customers[t.customer]!;
    const group = groups.find((g) => g.tier === t.tier)!;
    const agents = agentsByTier.get(t.tier) ?? [admin.id];
    const agentId = agents[index % agents.length]!;
    clock.set(at(t.hoursAgo));
    const created = await tickets.create(
      await actorOf(customer.id),
      { subject: t.subject, comment: { body: t.body }, priority: t.priority, type: t.type },
      { channel: t.channel },
    );
    const agent = await actorOf(agentId);
    const assign = t.status !== 'new';
    clock.advance(Math.min(t.hoursAgo * HOUR * 0.2, 20 * 60_000));
    await tickets.update(agent, created.ticket.id, {
      group_id: group.id,
      ...(assign ? { assignee_id: agentId } : {}),
      additional_tags: t.tags,
    });
    if (t.note) {
      clock.advance(5 * 60_000);
      await tickets.update(agent, created.ticket.id, { comment: { body: t.note, public: false } });
    }
    if (t.reply) {
      clock.advance(10 * 60_000);
      const status = t.status === 'closed' ? 'solved' : t.status;
      await tickets.update(agent, created.ticket.id, {
        comment: { body: t.reply, public: true },
        ...(status !== 'new' ? { status } : {}),
      });
    } else if (t.status !== 'new' && t.status !== 'open') {
      await tickets.update(agent, created.ticket.id, { status: t.status === 'closed' ? 'solved' : t.status });
    }
    if (t.status === 'closed') {
      clock.advance(4 * 24 * HOUR);
      if (clock.now() > now) clock.set(now);
      await tickets.update(await actorOf(-1), created.ticket.id, { status: 'closed' });
    }
    ticketIds.push(created.ticket.id);
    done += 1;
    if (done % 10 === 0 || done === demoTickets.length) progress(`${done}/${demoTickets.length} tickets`);
  }
  if (options.refreshSla) {
    await options.refreshSla(ticketIds);
    progress('SLA targets set');
  }
}
