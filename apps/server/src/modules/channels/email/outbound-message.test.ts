import { describe, expect, it } from 'vitest';
import { answersByMail, replyRecipients, replySubject, threadHeaders } from './outbound-message.js';
import { ticketsOfSubject } from './ticket-tokens.js';

describe('answersByMail', () => {
  it.each([
    ['email', true],
    ['api', true],
    ['web_form', true],
    ['closed_ticket', true],
    ['chat', false],
    ['twitter', false],
    ['voice', false],
  ])('%s → %s', (channel, expected) => {
    expect(answersByMail(channel)).toBe(expected);
  });
});

describe('replyRecipients', () => {
  const base = {
    requester: 'jane@customer.test',
    ccs: [],
    author: 'agent@example.com',
    ours: ['support@example.com'],
    bounced: new Set<string>(),
  };
  it.each<[string, Partial<typeof base> & { ccs?: string[] }, { to: string[]; cc: string[] }]>([
    ['the requester', {}, { to: ['jane@customer.test'], cc: [] }],
    [
      'requester and CCs, each once',
      { ccs: ['Bob@Customer.test', 'bob@customer.test', 'jane@customer.test'] },
      { to: ['jane@customer.test'], cc: ['bob@customer.test'] },
    ],
    ['never the author', { ccs: ['agent@example.com'] }, { to: ['jane@customer.test'], cc: [] }],
    [
      'never our own mailbox (even tagged)',
      { ccs: ['support+t1.abc@example.com'] },
      { to: ['jane@customer.test'], cc: [] },
    ],
    [
      'not a bounced address',
      { bounced: new Set(['jane@customer.test']), ccs: ['bob@customer.test'] },
      { to: ['bob@customer.test'], cc: [] },
    ],
    ['no requester address', { requester: null }, { to: [], cc: [] }],
    [
      'the requester wrote it (an agent who is also requester)',
      { author: 'jane@customer.test' },
      { to: [], cc: [] },
    ],
  ])('%s', (_name, over, expected) => {
    const result = replyRecipients({ ...base, ...over });
    expect({ to: result.to, cc: result.cc }).toEqual(expected);
  });
});

describe('threadHeaders', () => {
  it.each<[string, string[], string[], string | null, string[]]>([
    ['nothing yet', [], [], null, []],
    ['answers the customer’s latest mail', ['c1@x', 'c2@x'], ['f1@fl'], 'c2@x', ['c1@x', 'c2@x', 'f1@fl']],
    ['no customer mail: follows our own', [], ['f1@fl', 'f2@fl'], 'f2@fl', ['f1@fl', 'f2@fl']],
  ])('%s', (_name, received, sent, inReplyTo, references) => {
    expect(threadHeaders(received, sent)).toEqual({ inReplyTo, references });
  });

  it('keeps the first message and the latest ones when the thread is long', () => {
    const received = Array.from({ length: 30 }, (_, i) => `c${i}@x`);
    const { references, inReplyTo } = threadHeaders(received, []);
    expect(references).toHaveLength(10);
    expect(references[0]).toBe('c0@x');
    expect(references.at(-1)).toBe('c29@x');
    expect(inReplyTo).toBe('c29@x');
  });
});

describe('replySubject', () => {
  const secret = 'a-secret-that-is-long-enough-for-tests';
  it('prefixes replies once and carries a signed token', () => {
    const subject = replySubject('Refund', 12, secret, true);
    expect(subject).toMatch(/^Re: Refund \[#12-[0-9a-f]{8}\]$/);
    expect(ticketsOfSubject(subject, secret)).toEqual([12]);
    expect(replySubject('RE: Refund', 12, secret, true)).toMatch(/^RE: Refund \[/);
    expect(replySubject('Refund', 12, secret, false)).toMatch(/^Refund \[/);
    expect(replySubject('', 12, secret, false)).toMatch(/^Request #12 \[/);
  });
});
