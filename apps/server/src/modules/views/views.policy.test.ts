import { describe, expect, it } from 'vitest';
import type { User } from '../../db/schema.js';
import type { StoredRestriction } from '../../db/tables/realtime.js';
import type { Actor } from '../../platform/auth/actor.js';
import { canEditView, canUseView, restrictionFor } from './views.policy.js';

function actor(role: User['role'], id = 5, groupIds: number[] = [10], light = false): Actor {
  return { user: { id, role, light_agent: light } as User, groupIds, method: 'session' };
}
const agent = actor('agent');
const admin = actor('admin', 1);
const light = actor('agent', 6, [10], true);

describe('canUseView', () => {
  it.each<[string, Actor, StoredRestriction, boolean]>([
    ['shared view, agent', agent, null, true],
    ['own personal view', agent, { type: 'User', id: 5 }, true],
    ["someone else's personal view", agent, { type: 'User', id: 9 }, false],
    ["someone else's personal view, admin", admin, { type: 'User', id: 9 }, true],
    ['view for my group', agent, { type: 'Group', ids: [10, 11] }, true],
    ['view for another group', agent, { type: 'Group', ids: [11] }, false],
    ['view for another group by id', agent, { type: 'Group', id: 12 }, false],
  ])('%s', (_name, who, restriction, expected) => {
    expect(canUseView(who, { restriction })).toBe(expected);
  });
});

describe('canEditView', () => {
  it.each<[string, Actor, StoredRestriction, boolean]>([
    ['admin edits a shared view', admin, null, true],
    ['agent edits a shared view', agent, null, false],
    ['agent edits their personal view', agent, { type: 'User', id: 5 }, true],
    ['light agent edits their personal view', light, { type: 'User', id: 6 }, false],
  ])('%s', (_name, who, restriction, expected) => {
    expect(canEditView(who, { restriction, builtin: null })).toBe(expected);
  });
});

describe('restrictionFor', () => {
  it('keeps what an admin asks for', () => {
    expect(restrictionFor(admin, { type: 'Group', ids: [3] })).toEqual({ type: 'Group', ids: [3] });
    expect(restrictionFor(admin, undefined)).toBeNull();
  });
  it('makes an agent view personal', () => {
    expect(restrictionFor(agent, undefined)).toEqual({ type: 'User', id: 5 });
  });
  it('refuses an agent a shared view', () => {
    expect(() => restrictionFor(agent, null)).toThrow(/personal views/);
    expect(() => restrictionFor(agent, { type: 'Group', ids: [10] })).toThrow(/personal views/);
  });
  it('refuses light agents', () => {
    expect(() => restrictionFor(light, undefined)).toThrow(/Only agents/);
  });
});
