import { describe, expect, it } from 'vitest';
import { createPresenceRoster, type PresenceSignal } from './presence.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, seconds));
const signal = (over: Partial<PresenceSignal>): PresenceSignal => ({
  node: 'a',
  conn: '1',
  user_id: 1,
  name: 'Ana',
  ticket_id: 7,
  typing: false,
  ...over,
});

describe('presence roster', () => {
  it('reports who else views a ticket, not yourself', () => {
    const roster = createPresenceRoster(30_000);
    expect(roster.apply(signal({}), at(0))).toEqual([7]);
    expect(roster.apply(signal({ node: 'b', conn: '9', user_id: 2, name: 'Bo' }), at(1))).toEqual([7]);
    expect(roster.viewers(7, 1)).toEqual([{ user_id: 2, name: 'Bo', typing: false }]);
    expect(roster.viewers(7, 2)).toEqual([{ user_id: 1, name: 'Ana', typing: false }]);
    expect(roster.viewers(8, 1)).toEqual([]);
  });

  it.each<[string, Partial<PresenceSignal>, number[]]>([
    ['a repeat of the same signal changes nothing', {}, []],
    ['starting to type changes the ticket', { typing: true }, [7]],
    ['moving to another ticket changes both', { ticket_id: 8 }, [7, 8]],
    ['leaving changes the ticket', { ticket_id: null }, [7]],
  ])('%s', (_name, next, changed) => {
    const roster = createPresenceRoster(30_000);
    roster.apply(signal({}), at(0));
    expect(roster.apply(signal(next), at(5))).toEqual(changed);
  });

  it('shows one entry per person, typing when any of their tabs types', () => {
    const roster = createPresenceRoster(30_000);
    roster.apply(signal({ conn: '1', user_id: 2, name: 'Bo' }), at(0));
    roster.apply(signal({ conn: '2', user_id: 2, name: 'Bo', typing: true }), at(0));
    expect(roster.viewers(7, 1)).toEqual([{ user_id: 2, name: 'Bo', typing: true }]);
  });

  it('forgets connections whose signals stop after the time-to-live', () => {
    const roster = createPresenceRoster(30_000);
    roster.apply(signal({}), at(0));
    roster.apply(signal({ conn: '2', user_id: 2, name: 'Bo' }), at(20));
    expect(roster.expire(at(30))).toEqual([]);
    expect(roster.expire(at(31))).toEqual([7]);
    expect(roster.viewers(7, 99).map((v) => v.user_id)).toEqual([2]);
  });
});
