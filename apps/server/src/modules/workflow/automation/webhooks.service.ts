import type { WebhookInput } from '@frontline/contracts';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { ConflictError, InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import { webhookUrlProblem } from '../../../platform/net/ssrf.js';
import type { DeliveryResult } from './webhook-delivery.js';
import { WEBHOOK_ATTEMPTS, type WebhooksRepository, type WebhookValues } from './webhooks.repository.js';

/**
 * Webhooks (Zendesk's `/api/v2/webhooks` shape) that trigger and automation actions
 * call (`notification_webhook`). A call is an invocation row and a job: it never blocks
 * the ticket update, is retried with back-off, and its attempts and failures are visible
 * at `/api/v2/webhooks/{id}/invocations`.
 */
export function createWebhooksService(deps: {
  repo: WebhooksRepository;
  clock: Clock;
  deliver: (
    webhook: NonNullable<Awaited<ReturnType<WebhooksRepository['find']>>>,
    body: string,
  ) => Promise<DeliveryResult>;
}) {
  const { repo, clock } = deps;

  function checkEndpoint(endpoint: string, allowPrivate: boolean) {
    const problem = webhookUrlProblem(endpoint, allowPrivate);
    if (problem) throw InvalidError.field('endpoint', problem);
  }

  async function existing(id: number) {
    const row = await repo.find(id);
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    list: () => repo.list(),
    show: existing,
    async create(actor: Actor, input: WebhookInput) {
      const values: WebhookValues = {
        name: input.name,
        description: input.description ?? '',
        endpoint: input.endpoint,
        http_method: input.http_method ?? 'POST',
        request_format: input.request_format ?? 'json',
        status: input.status ?? 'active',
        subscriptions: input.subscriptions ?? ['conditional_ticket_events'],
        authentication: input.authentication
          ? ({ type: input.authentication.type, data: input.authentication.data } as never)
          : null,
        custom_headers: input.custom_headers ?? {},
        allow_private_network: input.allow_private_network ?? false,
      };
      checkEndpoint(values.endpoint, values.allow_private_network);
      return repo.insert(values, actor.user.id, clock.now());
    },
    async update(id: number, input: Partial<WebhookInput>) {
      const current = await existing(id);
      checkEndpoint(
        input.endpoint ?? current.endpoint,
        input.allow_private_network ?? current.allow_private_network,
      );
      const { authentication, ...rest } = input;
      const row = await repo.update(
        id,
        {
          ...rest,
          ...(authentication !== undefined
            ? {
                authentication: authentication
                  ? ({ type: authentication.type, data: authentication.data } as never)
                  : null,
              }
            : {}),
        } as Partial<WebhookValues>,
        clock.now(),
      );
      if (!row) throw new NotFoundError();
      return row;
    },
    async remove(id: number) {
      await existing(id);
      const users = await repo.usedBy(id);
      if (users.length)
        throw new ConflictError(
          `The webhook carries out ${users.join(', ')}; point those elsewhere first`,
          'WebhookInUse',
        );
      if (!(await repo.remove(id))) throw new NotFoundError();
    },
    async invocations(id: number, status?: 'pending' | 'retrying' | 'succeeded' | 'failed') {
      await existing(id);
      return repo.invocations(id, status);
    },

    /** The delivery job: one attempt; throws to be retried until the last attempt, which marks it failed. */
    async deliver(invocationId: number, attempt: number) {
      const invocation = await repo.invocation(invocationId);
      if (!invocation || invocation.status === 'succeeded' || invocation.status === 'failed') return;
      const webhook = await repo.find(invocation.webhook_id);
      const result: DeliveryResult =
        webhook?.status === 'active'
          ? await deps.deliver(webhook, invocation.body)
          : { ok: false, status: null, error: 'webhook is inactive' };
      const last = attempt >= WEBHOOK_ATTEMPTS || webhook?.status !== 'active';
      const status = result.ok ? 'succeeded' : last ? 'failed' : 'retrying';
      await repo.setAttempt(
        invocationId,
        { status, attempts: attempt, code: result.status, error: result.error },
        clock.now(),
      );
      if (status === 'retrying') throw new Error(`webhook ${invocation.webhook_id}: ${result.error}`);
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
