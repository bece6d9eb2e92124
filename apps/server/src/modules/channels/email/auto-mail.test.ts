import { describe, expect, it } from 'vitest';
import { type AutoMailInput, decideAutoMail } from './auto-mail.js';

const base: AutoMailInput = {
  recipient: 'jane@customer.test',
  recipientIsAgent: false,
  ours: ['support@example.com'],
  bounced: false,
  newestMail: { from: 'jane@customer.test', automatic: false, reasons: [] },
  sentLastHour: 0,
  capPerHour: 10,
};

describe('decideAutoMail', () => {
  const cases: [string, Partial<AutoMailInput>, RegExp | 'auto-replied' | 'auto-generated'][] = [
    ['an acknowledgement answers the customer’s own mail', {}, 'auto-replied'],
    [
      'a customer without mail on the ticket gets auto-generated mail',
      { newestMail: null },
      'auto-generated',
    ],
    [
      'mail to a customer who did not write the newest mail is auto-generated',
      { newestMail: { from: 'boss@customer.test', automatic: false, reasons: [] } },
      'auto-generated',
    ],
    ['an agent’s notification is auto-generated', { recipientIsAgent: true }, 'auto-generated'],
    ['never to our own mailbox', { recipient: 'support@example.com' }, /one of our own mailboxes/],
    ['never to a tagged form of our mailbox', { recipient: 'Support+t1.ab@example.com' }, /our own/],
    ['never to mailer-daemon', { recipient: 'MAILER-DAEMON@mx.test' }, /mail system/],
    ['never to postmaster', { recipient: 'postmaster@mx.test' }, /mail system/],
    ['never to a bounced address', { bounced: true }, /bounced/],
    ['never to something that is not an address', { recipient: 'nobody' }, /not a mail address/],
    [
      'never in answer to automatic mail',
      { newestMail: { from: 'list@news.test', automatic: true, reasons: ['Precedence: bulk'] } },
      /automatic or bulk \(Precedence: bulk\).*RFC 3834/,
    ],
    ['not past the hourly cap', { sentLastHour: 10 }, /hourly cap reached: 10 .*AUTO_MAIL_PER_HOUR=10/],
    ['under the cap it goes', { sentLastHour: 9 }, 'auto-replied'],
    ['agents are not capped', { recipientIsAgent: true, sentLastHour: 50 }, 'auto-generated'],
    [
      'agents still hear about tickets that came from a list',
      { recipientIsAgent: true, newestMail: { from: 'x@list.test', automatic: true, reasons: [] } },
      'auto-generated',
    ],
  ];
  for (const [name, change, expected] of cases) {
    it(name, () => {
      const decision = decideAutoMail({ ...base, ...change });
      if (typeof expected === 'string') expect(decision).toEqual({ send: true, autoSubmitted: expected });
      else {
        expect(decision.send).toBe(false);
        expect(decision.send === false && decision.reason).toMatch(expected);
      }
    });
  }
});
