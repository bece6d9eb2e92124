import { arabicTickets } from './demo-tickets-ar.js';
import { englishTickets } from './demo-tickets-en.js';
import { chineseTickets } from './demo-tickets-zh.js';

/** A demo ticket: who asked, on which channel, where it stands, and how long ago it came in. */
export type DemoTicket = {
  customer: number;
  channel: 'email' | 'web' | 'chat' | 'facebook' | 'twitter' | 'app_store' | 'voice' | 'api';
  subject: string;
  body: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  type?: 'question' | 'incident' | 'problem' | 'task';
  tier: number;
  tags: string[];
  reply?: string;
  note?: string;
  hoursAgo: number;
};

/** Later English requests: follow-ups, compliments, compliance paperwork. */
const laterTickets: DemoTicket[] = [
  {
    customer: 3,
    channel: 'chat',
    subject: 'Webhook deliveries failing',
    body: 'Our endpoint returns 200 but your dashboard shows every webhook as failed.',
    status: 'open',
    priority: 'high',
    type: 'incident',
    tier: 3,
    tags: ['api', 'webhooks'],
    hoursAgo: 10,
  },
  {
    customer: 4,
    channel: 'email',
    subject: 'Need a DPA for GDPR',
    body: 'Our legal team needs a signed data processing agreement.',
    status: 'pending',
    priority: 'normal',
    type: 'task',
    tier: 2,
    tags: ['legal', 'gdpr'],
    reply: 'Attached is our standard DPA; sign it and send it back and we will countersign.',
    hoursAgo: 55,
  },
  {
    customer: 0,
    channel: 'web',
    subject: 'Report totals do not match',
    body: 'The monthly report shows 412 orders but our export has 418.',
    status: 'open',
    priority: 'normal',
    type: 'incident',
    tier: 2,
    tags: ['reports'],
    hoursAgo: 16,
  },
  {
    customer: 1,
    channel: 'facebook',
    subject: 'Love the new editor!',
    body: 'Just wanted to say the new editor is great.',
    status: 'solved',
    priority: 'low',
    type: 'question',
    tier: 1,
    tags: ['feedback', 'praise'],
    reply: 'Thank you Bob, that made our day!',
    hoursAgo: 170,
  },
  {
    customer: 2,
    channel: 'email',
    subject: 'SSO with Okta',
    body: 'How do we set up single sign-on with Okta for our staff?',
    status: 'open',
    priority: 'normal',
    type: 'question',
    tier: 2,
    tags: ['sso', 'how-to'],
    hoursAgo: 11,
  },
  {
    customer: 3,
    channel: 'api',
    subject: 'Rate limit too low for our integration',
    body: 'We hit 429 errors during nightly syncs. Can the limit be raised?',
    status: 'new',
    priority: 'normal',
    type: 'question',
    tier: 2,
    tags: ['api', 'rate-limit'],
    hoursAgo: 6,
  },
  {
    customer: 4,
    channel: 'chat',
    subject: 'Where is my order confirmation?',
    body: 'I ordered yesterday and got no confirmation email.',
    status: 'solved',
    priority: 'normal',
    type: 'question',
    tier: 1,
    tags: ['email'],
    reply: 'It went to your spam folder; I have resent it.',
    hoursAgo: 80,
  },
  {
    customer: 0,
    channel: 'email',
    subject: 'Sync is slow across devices',
    body: 'Changes on my laptop take minutes to appear on my phone.',
    status: 'open',
    priority: 'normal',
    type: 'problem',
    tier: 3,
    tags: ['sync', 'performance'],
    note: 'Problem ticket: linking the app-store reviews about slow sync here.',
    hoursAgo: 72,
  },
  {
    customer: 1,
    channel: 'voice',
    subject: 'Call back: contract renewal',
    body: 'Wants to discuss renewal terms for next year.',
    status: 'new',
    priority: 'low',
    type: 'task',
    tier: 1,
    tags: ['callback', 'sales-lead'],
    hoursAgo: 5,
  },
  {
    customer: 2,
    channel: 'web',
    subject: 'Delete my personal data',
    body: 'Please delete all personal data you hold about me.',
    status: 'open',
    priority: 'high',
    type: 'task',
    tier: 2,
    tags: ['gdpr', 'privacy'],
    hoursAgo: 30,
  },
  {
    customer: 3,
    channel: 'twitter',
    subject: '@frontline is there an Android widget?',
    body: 'Any plans for a home-screen widget on Android?',
    status: 'closed',
    priority: 'low',
    type: 'question',
    tier: 1,
    tags: ['feedback', 'mobile'],
    reply: 'Not yet, but it is on our roadmap!',
    hoursAgo: 320,
  },
  {
    customer: 4,
    channel: 'email',
    subject: 'Wrong currency on invoice',
    body: 'My invoice is in USD but my account is set to EUR.',
    status: 'open',
    priority: 'normal',
    type: 'incident',
    tier: 1,
    tags: ['billing', 'invoice'],
    hoursAgo: 9,
  },
];

/** ~50 tickets across channels, languages, tiers and states, in the order they are seeded. */
export const demoTickets: DemoTicket[] = [
  ...englishTickets,
  ...chineseTickets,
  ...arabicTickets,
  ...laterTickets,
];
