import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  canReadArticle,
  type KbSegment,
  type KbViewer,
  visibleSegmentIds,
} from './kb-visibility.js';

const segment = (over: Partial<KbSegment>): KbSegment => ({
  id: 1,
  user_type: 'signed_in_users',
  group_ids: [],
  organization_ids: [],
  tags: [],
  or_tags: [],
  ...over,
});
const viewer = (over: Partial<KbViewer>): KbViewer => ({ ...ANONYMOUS, ...over });

const customer = viewer({ role: 'end-user', organizationId: 7, tags: ['vip'] });
const otherCustomer = viewer({ role: 'end-user', organizationId: 8 });
const agent = viewer({ role: 'agent', groupIds: [3] });
const editingAgent = viewer({ role: 'agent', groupIds: [3], drafts: true });
const admin = viewer({ role: 'admin' });
const editingCustomer = viewer({ role: 'end-user', drafts: true });

const everyone = null;
const signedIn = segment({});
const staff = segment({ user_type: 'staff' });
const staffGroup5 = segment({ user_type: 'staff', group_ids: [5] });
const org7 = segment({ organization_ids: [7] });
const vipTag = segment({ tags: ['vip'] });
const anyOfTags = segment({ or_tags: ['gold', 'vip'] });
const groupOnly = segment({ group_ids: [3] });

describe('canReadArticle', () => {
  const cases: [string, KbSegment | null, boolean, KbViewer, boolean][] = [
    ['public article, anonymous', everyone, false, ANONYMOUS, true],
    ['public draft, anonymous', everyone, true, ANONYMOUS, false],
    ['public draft, agent reading the help center', everyone, true, agent, false],
    ['public draft, agent editing', everyone, true, editingAgent, true],
    ['public draft, customer asking for drafts', everyone, true, editingCustomer, false],
    ['signed-in, anonymous', signedIn, false, ANONYMOUS, false],
    ['signed-in, customer', signedIn, false, customer, true],
    ['internal, anonymous', staff, false, ANONYMOUS, false],
    ['internal, customer', staff, false, customer, false],
    ['internal, agent', staff, false, agent, true],
    ['internal for group 5, agent in 3', staffGroup5, false, agent, false],
    ['internal for group 5, admin', staffGroup5, false, admin, true],
    ['organization 7, its customer', org7, false, customer, true],
    ['organization 7, another customer', org7, false, otherCustomer, false],
    ['organization 7, agent', org7, false, agent, true],
    ['tag vip, vip customer', vipTag, false, customer, true],
    ['tag vip, other customer', vipTag, false, otherCustomer, false],
    ['any of gold/vip, vip customer', anyOfTags, false, customer, true],
    ['any of gold/vip, other customer', anyOfTags, false, otherCustomer, false],
    ['signed-in for group 3, customer', groupOnly, false, customer, false],
    ['signed-in for group 3, agent in 3', groupOnly, false, agent, true],
  ];
  it.each(cases)('%s', (_name, seg, draft, who, expected) => {
    expect(canReadArticle({ draft, segment: seg }, who)).toBe(expected);
  });
});

describe('visibleSegmentIds', () => {
  const all = [
    { ...signedIn, id: 1 },
    { ...staff, id: 2 },
    { ...org7, id: 3 },
  ];
  it.each([
    ['anonymous', ANONYMOUS, []],
    ['customer of org 7', customer, [1, 3]],
    ['customer of org 8', otherCustomer, [1]],
    ['agent', agent, [1, 2, 3]],
  ] as const)('%s', (_name, who, expected) => {
    expect(visibleSegmentIds(all, who)).toEqual(expected);
  });
});
