import {
  automationInput,
  automationUpdate,
  idParams,
  reorderAutomations,
  reorderTriggers,
  triggerInput,
  triggerUpdate,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { iso, isoOrNull } from '../../../platform/http/iso-time.js';
import { baseUrl, onePage } from '../../../platform/http/pagination.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { RulesService } from './rules.service.js';

type Row = Awaited<ReturnType<RulesService['show']>>;

function ruleJson(table: 'triggers' | 'automations', row: Row, base: string) {
  const common = {
    id: row.id,
    url: `${base}/api/v2/${table}/${row.id}.json`,
    title: row.title,
    raw_title: row.title,
    active: row.active,
    position: row.position,
    default: false,
    conditions: row.conditions,
    actions: row.actions,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
  if (table === 'automations') return common;
  return {
    ...common,
    description: row.description,
    category_id: row.category_id,
    loop_detected_at: isoOrNull(row.loop_detected_at),
    loop_details: row.loop_details,
  };
}

const read = { access: 'agent' as const };
const write = { access: 'admin' as const };

/** Zendesk's `/api/v2/triggers` and `/api/v2/automations`, which share one JSON shape. */
export function registerRuleRoutes(
  app: HttpApp,
  deps: { rules: RulesService; publicUrl: string | undefined },
) {
  const { rules } = deps;
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);

  for (const table of ['triggers', 'automations'] as const) {
    const one = table === 'triggers' ? 'trigger' : 'automation';
    const input = table === 'triggers' ? triggerInput : automationInput;
    const update = table === 'triggers' ? triggerUpdate : automationUpdate;
    const reorder = table === 'triggers' ? reorderTriggers : reorderAutomations;
    const path = `/api/v2/${table}`;

    const list = async (request: FastifyRequest, activeOnly: boolean) => {
      const rows = await rules.list(table, activeOnly);
      return {
        [table]: rows.map((r) => ruleJson(table, r, base(request))),
        ...onePage(rows.length),
      };
    };
    app.get(path, { config: read }, (request) => list(request, false));
    app.get(`${path}/active`, { config: read }, (request) => list(request, true));
    app.post(
      path,
      { config: write, schema: { body: z.object({ [one]: input }) } },
      async (request, reply) => {
        const body = (request.body as Record<string, z.infer<typeof triggerInput>>)[one]!;
        const row = await rules.create(table, body);
        return reply.code(201).send({ [one]: ruleJson(table, row, base(request)) });
      },
    );
    app.put(`${path}/reorder`, { config: write, schema: { body: reorder } }, async (request) => {
      const ids = (request.body as Record<string, number[]>)[`${one}_ids`]!;
      await rules.reorder(table, ids);
      return list(request, false);
    });
    app.get(`${path}/:id`, { config: read, schema: { params: idParams } }, async (request) => ({
      [one]: ruleJson(table, await rules.show(table, request.params.id), base(request)),
    }));
    app.put(
      `${path}/:id`,
      { config: write, schema: { params: idParams, body: z.object({ [one]: update }) } },
      async (request) => {
        const body = (request.body as Record<string, z.infer<typeof triggerUpdate>>)[one]!;
        return { [one]: ruleJson(table, await rules.update(table, request.params.id, body), base(request)) };
      },
    );
    app.delete(`${path}/:id`, { config: write, schema: { params: idParams } }, async (request, reply) => {
      await rules.remove(table, request.params.id);
      return reply.code(204).send();
    });
  }
}
