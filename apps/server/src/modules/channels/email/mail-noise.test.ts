import { describe, expect, it } from 'vitest';
import { classifyNoise, type NoiseInput, type NoiseKind } from './mail-noise.js';

const base: NoiseInput = {
  headers: new Map(),
  envelopeFrom: 'jane@customer.test',
  fromAddress: 'jane@customer.test',
  contentType: 'text/plain',
  subject: 'Help',
};
const withHeaders = (entries: Record<string, string>, over: Partial<NoiseInput> = {}): NoiseInput => ({
  ...base,
  ...over,
  headers: new Map(Object.entries(entries).map(([k, v]) => [k, [v]])),
});

describe('classifyNoise', () => {
  it.each<[string, NoiseInput, NoiseKind, 'apply' | 'suspend' | 'bounce']>([
    ['a person writing', base, 'normal', 'apply'],
    ['Auto-Submitted: no is a person', withHeaders({ 'auto-submitted': 'no' }), 'normal', 'apply'],
    [
      'an out-of-office (Auto-Submitted: auto-replied)',
      withHeaders({ 'auto-submitted': 'auto-replied' }),
      'auto_reply',
      'suspend',
    ],
    [
      'a notification (Auto-Submitted: auto-generated)',
      withHeaders({ 'auto-submitted': 'auto-generated' }),
      'auto_generated',
      'apply',
    ],
    ['X-Autoreply', withHeaders({ 'x-autoreply': 'yes' }), 'auto_reply', 'suspend'],
    ['X-Autorespond', withHeaders({ 'x-autorespond': 'Vacation' }), 'auto_reply', 'suspend'],
    ['Precedence: bulk', withHeaders({ precedence: 'bulk' }), 'bulk', 'apply'],
    ['Precedence: junk', withHeaders({ precedence: 'junk' }), 'bulk', 'apply'],
    ['Precedence: auto_reply', withHeaders({ precedence: 'auto_reply' }), 'auto_reply', 'suspend'],
    ['a mailing list', withHeaders({ 'list-id': '<news.example.com>' }), 'bulk', 'apply'],
    [
      'an out-of-office without RFC 3834 headers but with a list header',
      withHeaders({ precedence: 'bulk' }, { subject: 'Out of Office: Help' }),
      'auto_reply',
      'suspend',
    ],
    ['empty envelope sender', { ...base, envelopeFrom: '' }, 'auto_generated', 'apply'],
    ['Return-Path: <>', withHeaders({ 'return-path': '<>' }), 'auto_generated', 'apply'],
    [
      'MAILER-DAEMON without a report',
      { ...base, fromAddress: 'MAILER-DAEMON@mx.example.net' },
      'system_sender',
      'suspend',
    ],
    ['postmaster', { ...base, fromAddress: 'postmaster@example.net' }, 'system_sender', 'suspend'],
    [
      'a delivery status notification',
      {
        ...base,
        fromAddress: 'mailer-daemon@mx.example.net',
        contentType: 'multipart/report; report-type=delivery-status; boundary="x"',
      },
      'bounce',
      'bounce',
    ],
    [
      'a read receipt is not a bounce',
      withHeaders(
        {},
        { contentType: 'multipart/report; report-type=disposition-notification', envelopeFrom: '' },
      ),
      'auto_generated',
      'apply',
    ],
    [
      'a person whose subject mentions out of office',
      { ...base, subject: 'Out of office policy question' },
      'normal',
      'apply',
    ],
  ])('%s → %s / %s', (_name, input, kind, handling) => {
    const result = classifyNoise(input);
    expect(result.kind).toBe(kind);
    expect(result.handling).toBe(handling);
    expect(result.suppressAutoReply).toBe(kind !== 'normal');
  });
});
