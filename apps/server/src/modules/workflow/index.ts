import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { isAgent } from '../../platform/auth/actor.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { defineQueue } from '../../platform/jobs/queues.js';
import { createSweep, duePayload, type Sweep } from '../../platform/jobs/sweep.js';
import { createApprovalsRepository } from './approvals/approvals.repository.js';
import { registerApprovalRoutes } from './approvals/approvals.routes.js';
import { createApprovalsService } from './approvals/approvals.service.js';
import { createNotifications } from './automation/notifications.repository.js';
import { createRuleEffects } from './automation/rule-effects.js';
import { createRuleRunner } from './automation/rule-runner.js';
import { createRulesRepository } from './automation/rules.repository.js';
import { registerRuleRoutes } from './automation/rules.routes.js';
import { createRulesService } from './automation/rules.service.js';
import { deliverWebhook } from './automation/webhook-delivery.js';
import { createWebhooksRepository, WEBHOOK_QUEUE } from './automation/webhooks.repository.js';
import { registerWebhookRoutes } from './automation/webhooks.routes.js';
import { createWebhooksService } from './automation/webhooks.service.js';
import { createSchedulesRepository } from './business-hours/schedules.repository.js';
import { registerScheduleRoutes } from './business-hours/schedules.routes.js';
import { createSchedulesService } from './business-hours/schedules.service.js';
import { createEngineeringService } from './escalation/engineering.service.js';
import { createEscalationRepository } from './escalation/escalation.repository.js';
import { createEscalationService } from './escalation/escalation.service.js';
import { createMacrosRepository } from './macros/macros.repository.js';
import { registerMacroRoutes } from './macros/macros.routes.js';
import { createMacrosService } from './macros/macros.service.js';
import { createRoutingRepository } from './routing/routing.repository.js';
import { registerRoutingRoutes } from './routing/routing.routes.js';
import { createRoutingService } from './routing/routing.service.js';
import { createRoutingAdminService } from './routing/routing-admin.service.js';
import { createSlaRepository } from './sla/sla.repository.js';
import { registerSlaRoutes } from './sla/sla.routes.js';
import { createSlaService, ticketSlaColumns } from './sla/sla.service.js';
import { slasJson } from './sla/sla-include.js';
import { computeTicketMetrics } from './sla/ticket-metrics.js';
import { createSwarmsRepository } from './swarming/swarms.repository.js';
import { createSwarmsService } from './swarming/swarms.service.js';
import { registerTicketWorkflowRoutes } from './ticket-workflow.routes.js';
import { createTicketWorkflowView } from './ticket-workflow.view.js';
import { createTicketWriter } from './ticket-writer.js';
import { buildFacts } from './timeline/facts.js';
import { createTimelineRepository } from './timeline/timeline.repository.js';
import { createWorkflowConsumer } from './workflow.consumer.js';

export {
  createNotifications,
  NOTIFICATION_QUEUE,
  type NotificationDraft,
  type Notifications,
} from './automation/notifications.repository.js';
export { seedWorkflowDefaults } from './workflow.defaults.js';

export type WorkflowModule = FrontlineModule & {
  sweep: Sweep;
  /**
   * Recomputes tickets' SLA targets from their history, as after a change (no routing,
   * escalation or triggers): for tickets written without events, like the demo's.
   */
  refreshSla(ticketIds: number[]): Promise<void>;
};

const DRAIN_QUEUE = defineQueue('workflow.routing-drain');

/**
 * Workflow: tiers, routing, escalation, swarming, SLAs, triggers, automations, macros,
 * empowered actions. One ticket-event consumer (`workflow`) keeps every ticket's
 * derived state current; the per-minute sweep turns due times into jobs.
 */
export function createWorkflowModule(context: ModuleContext): WorkflowModule {
  const { database, clock, jobs, logger, config, tickets } = context;
  const db = database.db;
  const baseUrl = (config.publicUrl ?? `http://localhost:${config.port || 3000}`).replace(/\/$/, '');

  const writer = createTicketWriter(context);
  const timeline = createTimelineRepository(db);
  const scheduleRepo = createSchedulesRepository(db);
  const slaRepo = createSlaRepository(db);
  const routingRepo = createRoutingRepository(db);
  const escalationRepo = createEscalationRepository(db);
  const rulesRepo = createRulesRepository(db);
  const webhooksRepo = createWebhooksRepository(db);
  const notifications = createNotifications(db, clock);

  const schedules = createSchedulesService(scheduleRepo, clock);
  const sla = createSlaService({ sla: slaRepo, schedules: scheduleRepo, writer, clock });
  // `GET /api/v2/tickets/{id}?include=slas`: the targets inside each ticket, for agents.
  tickets.view.registerInclude('slas', async (actor, rows) => {
    if (!isAgent(actor)) return new Map();
    const ids = rows.map((r) => r.id);
    return slasJson(ids, await slaRepo.targetsOfTickets(ids));
  });
  const routing = createRoutingService({ repo: routingRepo, writer, clock });
  const routingAdmin = createRoutingAdminService({ repo: routingRepo, clock });
  const swarms = createSwarmsService({
    repo: createSwarmsRepository(db),
    writer,
    notifications,
    clock,
    baseUrl,
  });
  const escalation = createEscalationService({
    repo: escalationRepo,
    routing: routingRepo,
    timeline,
    writer,
    clock,
    hasActiveSwarm: (ticketId) => swarms.hasActive(ticketId),
    startSwarm: async (ticket, invite, reason) => {
      const groupIds = [invite?.id ?? ticket.group_id].filter((id): id is number => id !== null);
      if (groupIds.length === 0) return false;
      await swarms.start(null, ticket, reason, { group_ids: groupIds }, true);
      return true;
    },
  });
  const engineering = createEngineeringService({ repo: escalationRepo, routing: routingRepo, writer, clock });
  const effects = createRuleEffects({
    rules: rulesRepo,
    writer,
    timeline,
    notifications,
    webhooks: webhooksRepo,
    clock,
    baseUrl,
  });
  const runner = createRuleRunner({ repo: rulesRepo, writer, effects, clock });
  const rules = createRulesService({ repo: rulesRepo, clock });
  const webhooks = createWebhooksService({ repo: webhooksRepo, clock, deliver: deliverWebhook });
  const macros = createMacrosService({ repo: createMacrosRepository(db), rules: rulesRepo, effects, clock });
  const approvals = createApprovalsService({
    repo: createApprovalsRepository(db),
    webhooks: webhooksRepo,
    notifications,
    writer,
    clock,
    baseUrl,
  });
  const view = createTicketWorkflowView({
    sla: slaRepo,
    escalations: escalationRepo,
    routing: routingRepo,
    clock,
  });

  const drain = async (groupIds: number[]) => {
    for (const groupId of new Set(groupIds))
      await enqueue(db, DRAIN_QUEUE, { group_id: groupId }, { runAt: clock.now() });
  };

  tickets.events.subscribe(
    'workflow',
    createWorkflowConsumer({
      writer,
      timeline,
      schedules: scheduleRepo,
      routing,
      escalation,
      sla,
      rules: runner,
      clock,
      drain,
      groupsOf: async (userId) => (await routingRepo.groupIdsOf([userId])).get(userId) ?? [],
      forget: async (ticketId) => {
        await slaRepo.cancelTargets(ticketId, [], clock.now());
        await writer.setColumns(ticketId, {
          tier: null,
          tier_entered_at: null,
          escalate_at: null,
          routing_retry_at: null,
          automation_check_at: null,
          ...ticketSlaColumns(null, []),
        });
      },
    }),
  );
  jobs.register(DRAIN_QUEUE, async (payload) => {
    await routing.drain(Number(payload.group_id));
  });
  jobs.register(WEBHOOK_QUEUE, (payload, job) =>
    webhooks.deliver(Number(payload.invocation_id), job.attempt),
  );

  const sweep = createSweep({ database, clock, logger: logger.child({ component: 'sweep' }) });
  const due = (
    name: string,
    queue: string,
    source: Parameters<Sweep['register']>[0]['due'],
    run: (key: number) => Promise<unknown>,
  ) => {
    sweep.register({ name, queue: defineQueue(queue), due: source });
    jobs.register(queue, async (payload) => {
      await run(Number(duePayload(payload).key));
    });
  };
  due(
    'escalation',
    'workflow.escalation-due',
    (_db, now) => escalationRepo.dueEscalations(now),
    (id) => escalation.due(id),
  );
  due(
    'sla-breach',
    'workflow.sla-breach',
    (_db, now) => slaRepo.dueBreaches(now),
    (id) => sla.due(id, 'breach'),
  );
  due(
    'sla-warning',
    'workflow.sla-warning',
    (_db, now) => slaRepo.dueWarnings(now),
    (id) => sla.due(id, 'warning'),
  );
  due(
    'routing-retry',
    'workflow.routing-retry',
    (_db, now) => routingRepo.dueRetries(now),
    async (id) => {
      const ticket = await writer.load(id);
      if (ticket?.routing_retry_at && ticket.routing_retry_at <= clock.now()) await routing.assign(ticket);
    },
  );
  due(
    'automation',
    'workflow.automation-check',
    (_db, now) => rulesRepo.dueChecks(now),
    async (id) => {
      const ticket = await writer.load(id);
      const now = clock.now();
      if (!ticket?.automation_check_at || ticket.automation_check_at > now) return;
      const schedule = await scheduleRepo.schedule(null);
      const [requester] = await timeline.users([ticket.requester_id]);
      const factsOf = async (t: typeof ticket) =>
        buildFacts({
          ticket: t,
          history: await timeline.history(t.id, t.created_at),
          requester,
          update: null,
          schedule,
          now,
        });
      const after = await runner.runAutomations(ticket, await factsOf(ticket));
      await runner.scheduleCheck(after.id, await factsOf(after), false);
    },
  );

  const refreshSla = async (ticketIds: number[]) => {
    const schedule = await scheduleRepo.schedule(null);
    for (const id of ticketIds) {
      const ticket = await writer.load(id);
      if (!ticket) continue;
      const history = await timeline.history(ticket.id, ticket.created_at);
      const [requester] = await timeline.users([ticket.requester_id]);
      const facts = buildFacts({ ticket, history, requester, update: null, schedule, now: clock.now() });
      await sla.refresh(ticket, history, facts);
    }
  };

  const metrics = async (actor: Parameters<typeof tickets.service.visibleTicket>[0], ticketId: number) => {
    const ticket = await tickets.service.visibleTicket(actor, ticketId);
    const history = await timeline.history(ticket.id, ticket.created_at);
    const schedule = await scheduleRepo.schedule(null);
    const m = computeTicketMetrics(
      history,
      { requesterId: ticket.requester_id, assigneeId: ticket.assignee_id },
      schedule,
      clock.now(),
    );
    return { ticket, metrics: m };
  };

  return {
    name: 'workflow',
    sweep,
    refreshSla,
    registerRoutes(http) {
      const publicUrl = config.publicUrl;
      registerScheduleRoutes(http, schedules);
      registerSlaRoutes(http, { sla, metrics, publicUrl });
      registerRuleRoutes(http, { rules, publicUrl });
      registerWebhookRoutes(http, webhooks);
      registerMacroRoutes(http, { macros, tickets, publicUrl });
      registerRoutingRoutes(http, { admin: routingAdmin, routing, drain, publicUrl });
      registerTicketWorkflowRoutes(http, {
        tickets,
        writer,
        view,
        escalation,
        engineering,
        swarms,
        notifications,
      });
      registerApprovalRoutes(http, { approvals, tickets });
    },
    async start(roles) {
      if (roles.includes('worker')) sweep.start();
    },
    async stop() {
      await sweep.stop();
    },
  };
}
