import { describe, expect, it } from 'vitest';
import { facts } from '../rules/facts.testing.js';
import { type Candidate, chooseAssignee, type Need } from './assignment.js';
import { routeTicket } from './routing-rules.js';

const agent = (id: number, over: Partial<Candidate> = {}): Candidate => ({
  id,
  name: `Agent ${id}`,
  level: 'mid',
  presence: 'online',
  skills: [],
  capacity: {},
  load: {},
  lastAssignedAt: null,
  ...over,
});
const email: Need = { level: null, skills: [], channel: 'email' };
const chatForSenior: Need = { level: 'senior', skills: [], channel: 'chat' };

describe('chooseAssignee', () => {
  const cases: [string, Candidate[], Need, 'round_robin' | 'least_loaded', number | null][] = [
    ['the only online agent', [agent(1)], email, 'round_robin', 1],
    [
      'nobody online queues',
      [agent(1, { presence: 'away' }), agent(2, { presence: 'offline' })],
      email,
      'round_robin',
      null,
    ],
    [
      'a chat needing a senior skips juniors and mids',
      [agent(1, { level: 'junior' }), agent(2), agent(3, { level: 'senior' })],
      chatForSenior,
      'round_robin',
      3,
    ],
    [
      'a chat needing a senior with only juniors queues',
      [agent(1, { level: 'junior' })],
      chatForSenior,
      'round_robin',
      null,
    ],
    [
      'an agent at capacity gets no more',
      [
        agent(1, { capacity: { email: 2 }, load: { email: 2 } }),
        agent(2, { lastAssignedAt: new Date('2030-01-01') }),
      ],
      email,
      'round_robin',
      2,
    ],
    [
      'everyone at capacity queues',
      [agent(1, { capacity: { default: 1 }, load: { web: 1 } })],
      email,
      'round_robin',
      null,
    ],
    [
      'default capacity holds three chats',
      [agent(1, { level: 'senior', load: { chat: 3 } })],
      chatForSenior,
      'round_robin',
      null,
    ],
    [
      'chat load does not use email capacity',
      [agent(1, { capacity: { chat: 1, email: 5 }, load: { chat: 1 } })],
      email,
      'round_robin',
      1,
    ],
    [
      'skills are required',
      [agent(1, { skills: ['billing'] }), agent(2, { skills: ['billing', 'zh'] })],
      { ...email, skills: ['zh'] },
      'round_robin',
      2,
    ],
    [
      'round-robin picks who waited longest',
      [
        agent(1, { lastAssignedAt: new Date('2030-01-02') }),
        agent(2, { lastAssignedAt: new Date('2030-01-01') }),
      ],
      email,
      'round_robin',
      2,
    ],
    [
      'round-robin picks who never had one',
      [agent(1, { lastAssignedAt: new Date('2030-01-02') }), agent(2)],
      email,
      'round_robin',
      2,
    ],
    [
      'least-loaded picks the emptiest',
      [agent(1, { load: { email: 1 } }), agent(2, { load: { email: 5 } })],
      email,
      'least_loaded',
      1,
    ],
    [
      'least-loaded compares share of capacity',
      [
        agent(1, { capacity: { default: 2 }, load: { email: 1 } }),
        agent(2, { capacity: { default: 10 }, load: { email: 3 } }),
      ],
      email,
      'least_loaded',
      2,
    ],
  ];
  it.each(cases)('%s', (_name, candidates, need, mode, expected) => {
    expect(chooseAssignee(candidates, need, mode).agentId).toBe(expected);
  });

  it('says why, and why others were passed over', () => {
    const decision = chooseAssignee(
      [agent(1, { level: 'junior' }), agent(3, { level: 'senior' })],
      chatForSenior,
      'round_robin',
    );
    expect(decision.reason).toMatch(/Agent 3: online, senior, meets senior level/);
    expect(decision.details.excluded).toEqual({ 1: 'junior < senior' });
  });

  it('never assigns in a group that assigns by hand', () => {
    expect(chooseAssignee([agent(1)], email, 'manual').agentId).toBeNull();
  });
});

describe('routeTicket', () => {
  const rules = [
    {
      id: 1,
      conditions: { all: [{ field: 'via', operator: 'is', value: 'chat' }], any: [] },
      group_id: null,
      required_level: 'senior' as const,
      required_skills: [],
    },
    {
      id: 2,
      conditions: {
        all: [{ field: 'subject_includes_word', operator: 'includes', value: 'refund invoice' }],
        any: [],
      },
      group_id: 7,
      required_level: null,
      required_skills: ['billing'],
    },
    {
      id: 3,
      conditions: { all: [{ field: 'locale_id', operator: 'is', value: 'zh' }], any: [] },
      group_id: 8,
      required_level: 'mid' as const,
      required_skills: ['zh'],
    },
  ];
  const cases: [
    string,
    ReturnType<typeof facts>,
    { groupId: number | null; level: string | null; skills: string[] },
  ][] = [
    [
      'billing words in Chinese: first group, all skills',
      facts(),
      { groupId: 7, level: 'mid', skills: ['billing', 'zh'] },
    ],
    [
      'live chat needs a senior',
      facts({ via_channel: 'chat', subject: 'hello' }, { requester: null }),
      { groupId: null, level: 'senior', skills: [] },
    ],
    [
      'nothing matches',
      facts({ subject: 'hello' }, { requester: null }),
      { groupId: null, level: null, skills: [] },
    ],
  ];
  it.each(cases)('%s', (_name, f, expected) => {
    const route = routeTicket(rules, f);
    expect({ groupId: route.groupId, level: route.level, skills: route.skills }).toEqual(expected);
  });
});
