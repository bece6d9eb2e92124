import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../platform/http/errors.js';
import { normalizeTags } from '../../platform/text/tags.js';
import { planTicketChange, type TicketState } from './ticket-rules.js';

const base: TicketState = {
  subject: 'Printer on fire',
  status: 'open',
  priority: 'normal',
  type: null,
  requester_id: 10,
  submitter_id: 10,
  assignee_id: null,
  group_id: 1,
  organization_id: null,
  tags: ['hardware'],
  custom_fields: {},
  external_id: null,
  due_at: null,
  problem_id: null,
  collaborator_ids: [],
  follower_ids: [],
  email_cc_ids: [],
};
const agent = { actorId: 2, actorIsAgent: true, comment: null };

/** The 422 body a rule violation would answer, as text, or '' when it passes. */
function rejection(run: () => unknown) {
  try {
    run();
    return '';
  } catch (error) {
    if (error instanceof InvalidError) return JSON.stringify(error.body);
    throw error;
  }
}
const requester = { actorId: 10, actorIsAgent: false, comment: { public: true } };

describe('planTicketChange: status', () => {
  const cases: [
    string,
    TicketState['status'],
    Parameters<typeof planTicketChange>[1],
    Parameters<typeof planTicketChange>[2],
    TicketState['status'],
  ][] = [
    ['requester reply reopens pending', 'pending', {}, requester, 'open'],
    ['requester reply reopens solved', 'solved', {}, requester, 'open'],
    ['requester reply reopens on-hold', 'hold', {}, requester, 'open'],
    ['requester reply keeps open', 'open', {}, requester, 'open'],
    ['agent public reply opens new', 'new', {}, { ...agent, comment: { public: true } }, 'open'],
    ['agent internal note keeps new', 'new', {}, { ...agent, comment: { public: false } }, 'new'],
    ['assigning opens new', 'new', { assignee_id: 2 }, agent, 'open'],
    ['explicit status wins over a reply', 'pending', { status: 'hold' }, requester, 'hold'],
    ['agent reply keeps pending', 'pending', {}, { ...agent, comment: { public: true } }, 'pending'],
  ];
  it.each(cases)('%s', (_name, from, patch, context, expected) => {
    expect(planTicketChange({ ...base, status: from }, patch, context).after.status).toBe(expected);
  });

  it('treats closed as final', () => {
    expect(() => planTicketChange({ ...base, status: 'closed' }, { priority: 'high' }, agent)).toThrow(
      InvalidError,
    );
  });

  it('refuses going back to new', () => {
    expect(rejection(() => planTicketChange(base, { status: 'new' }, agent))).toMatch(/back to new/);
  });

  it('assigns the solving agent when nobody is assigned', () => {
    const { after, changes } = planTicketChange(base, { status: 'solved' }, agent);
    expect(after.assignee_id).toBe(2);
    expect(changes.map((c) => c.field)).toEqual(['status', 'assignee_id']);
  });

  it('does not let an end-user solve an unassigned ticket', () => {
    expect(rejection(() => planTicketChange(base, { status: 'solved' }, requester))).toMatch(/Assignee/);
  });

  it('opens a new ticket created with an assignee', () => {
    expect(planTicketChange(null, { assignee_id: 2 }, agent).after.status).toBe('open');
    expect(planTicketChange(null, {}, agent).after.status).toBe('new');
  });
});

describe('planTicketChange: fields and events', () => {
  it('lists only what changed, with old and new values', () => {
    const { changes } = planTicketChange(base, { priority: 'urgent', subject: 'Printer on fire' }, agent);
    expect(changes).toEqual([{ field: 'priority', from: 'normal', to: 'urgent' }]);
  });

  it('lists every set field on create and nothing empty', () => {
    const { changes } = planTicketChange(null, { subject: 'Hi', priority: 'low', requester_id: 10 }, agent);
    expect(changes.map((c) => c.field)).toEqual([
      'subject',
      'status',
      'priority',
      'requester_id',
      'submitter_id',
    ]);
  });

  it('adds, removes and replaces tags', () => {
    expect(planTicketChange(base, { additional_tags: ['VIP'] }, agent).after.tags).toEqual([
      'hardware',
      'vip',
    ]);
    expect(planTicketChange(base, { remove_tags: ['hardware'] }, agent).after.tags).toEqual([]);
    expect(planTicketChange(base, { tags: ['a', 'b'], remove_tags: ['a'] }, agent).after.tags).toEqual(['b']);
  });

  it('records custom field changes by field ID', () => {
    const { changes } = planTicketChange(
      { ...base, custom_fields: { '5': 'x' } },
      { custom_fields: { '5': 'y' } },
      agent,
    );
    expect(changes).toEqual([{ field: '5', from: 'x', to: 'y' }]);
  });

  it('makes a ticket linked to a problem an incident, and refuses other types', () => {
    expect(planTicketChange(base, { problem_id: 99 }, agent).after.type).toBe('incident');
    expect(rejection(() => planTicketChange(base, { problem_id: 99, type: 'task' }, agent))).toMatch(
      /incident/,
    );
  });

  it('keeps a due date only on tasks', () => {
    expect(rejection(() => planTicketChange(base, { due_at: '2026-12-01T00:00:00.000Z' }, agent))).toMatch(
      /task/,
    );
    expect(
      planTicketChange({ ...base, type: 'task' }, { due_at: '2026-12-01T00:00:00.000Z' }, agent).after.due_at,
    ).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('normalizeTags', () => {
  it.each([
    [['VIP customer'], ['vip', 'customer']],
    [['billing', 'Billing', 'billing'], ['billing']],
    [
      ['退款', 'استرداد'],
      ['退款', 'استرداد'],
    ],
    [['<script>'], ['script']],
    [['  ', ''], []],
  ])('%j → %j', (input, expected) => {
    expect(normalizeTags(input)).toEqual(expected);
  });
});
