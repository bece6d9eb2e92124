import { jobStatusEnvelope, jobStatusIdsQuery, jobStatusList, jobStatusParams } from '@frontline/contracts';
import { actorOf } from '../../platform/auth/actor.js';
import { baseUrl, onePage } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { type JobStatuses, jobStatusJson } from '../../platform/jobs/job-statuses.js';
import { authorizeJobStatus, seesJobStatus } from './exports.policy.js';
import type { JobStatusesRepository } from './job-statuses.repository.js';

export type JobStatusRoutesDeps = {
  statuses: JobStatuses;
  repository: JobStatusesRepository;
  publicUrl?: string | undefined;
};

/** How many of a caller's jobs `GET /job_statuses` lists, newest first (Zendesk keeps 100). */
const RECENT = 100;

export function registerJobStatusRoutes(
  app: HttpApp,
  { statuses, repository, publicUrl }: JobStatusRoutesDeps,
) {
  app.get('/api/v2/job_statuses', { schema: { response: { 200: jobStatusList } } }, async (request) => {
    const rows = await repository.recentOf(actorOf(request).user.id, RECENT);
    const base = baseUrl(request, publicUrl);
    return {
      job_statuses: rows.map((row) => jobStatusJson(row, base)),
      ...onePage(rows.length),
    };
  });

  app.get(
    '/api/v2/job_statuses/show_many',
    { schema: { querystring: jobStatusIdsQuery, response: { 200: jobStatusList } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = (await statuses.findMany(request.query.ids)).filter((row) => seesJobStatus(actor, row));
      const base = baseUrl(request, publicUrl);
      return {
        job_statuses: rows.map((row) => jobStatusJson(row, base)),
        ...onePage(rows.length),
      };
    },
  );

  app.get(
    '/api/v2/job_statuses/:id',
    { schema: { params: jobStatusParams, response: { 200: jobStatusEnvelope } } },
    async (request) => {
      const row = authorizeJobStatus(actorOf(request), await statuses.find(request.params.id));
      return { job_status: jobStatusJson(row, baseUrl(request, publicUrl)) };
    },
  );
}
