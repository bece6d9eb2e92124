import { describe, expect, it } from 'vitest';
import { parseDeliveryStatus, returnedMessageId } from './delivery-status.js';

const postfix = `Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 4ABC
Arrival-Date: Mon,  5 Jan 2026 09:00:00 +0000

Final-Recipient: rfc822; jane@customer.test
Original-Recipient: rfc822;jane@customer.test
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.customer.test
Diagnostic-Code: smtp; 550 5.1.1 <jane@customer.test>: Recipient address
    rejected: User unknown
`;

describe('parseDeliveryStatus', () => {
  it('reads a permanent failure', () => {
    expect(parseDeliveryStatus(postfix)).toEqual([
      {
        address: 'jane@customer.test',
        action: 'failed',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <jane@customer.test>: Recipient address rejected: User unknown',
        permanent: true,
      },
    ]);
  });

  it.each<[string, string, boolean | null]>([
    [
      'a delay is not permanent',
      'Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@b.test\nAction: delayed\nStatus: 4.4.1\n',
      false,
    ],
    [
      'a 4.x.x failure is not permanent',
      'Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@b.test\nAction: failed\nStatus: 4.2.2\n',
      false,
    ],
    [
      'CRLF line ends',
      'Reporting-MTA: dns; a\r\n\r\nFinal-Recipient: rfc822; a@b.test\r\nAction: failed\r\nStatus: 5.2.1\r\n',
      true,
    ],
    ['no recipient block', 'Reporting-MTA: dns; a\n', null],
    ['garbage', 'this is not a report at all', null],
  ])('%s', (_name, text, permanent) => {
    const reports = parseDeliveryStatus(text);
    expect(reports[0]?.permanent ?? null).toBe(permanent);
  });

  it('finds the Message-ID of the returned message', () => {
    expect(returnedMessageId('From: x\nMessage-ID:\n <fl.12.abc@mail.example.com>\nSubject: y')).toBe(
      'fl.12.abc@mail.example.com',
    );
    expect(returnedMessageId('From: x\nSubject: y')).toBeNull();
  });
});
