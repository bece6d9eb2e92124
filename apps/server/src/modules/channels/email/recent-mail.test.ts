import { describe, expect, it } from 'vitest';
import { createRecentMail } from './recent-mail.js';

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('recent mail', () => {
  it('hands a kept message out once', () => {
    const recent = createRecentMail(1000);
    recent.keep(1, bytes(10));
    expect(recent.take(1)).toEqual(bytes(10));
    expect(recent.take(1)).toBeUndefined();
  });

  it('knows nothing of messages it was not given', () => {
    expect(createRecentMail(1000).take(7)).toBeUndefined();
  });

  it('pushes the oldest out when over its size', () => {
    const recent = createRecentMail(1000);
    for (let id = 1; id <= 10; id++) recent.keep(id, bytes(100, id));
    recent.keep(11, bytes(100, 11));
    expect(recent.take(1)).toBeUndefined();
    expect(recent.take(2)).toEqual(bytes(100, 2));
    expect(recent.take(11)).toEqual(bytes(100, 11));
  });

  it('does not keep a message larger than an eighth of its size', () => {
    const recent = createRecentMail(1000);
    recent.keep(1, bytes(126));
    recent.keep(2, bytes(125));
    expect(recent.take(1)).toBeUndefined();
    expect(recent.take(2)).toBeDefined();
  });

  it('frees the room of what it handed out', () => {
    const recent = createRecentMail(1000);
    for (let id = 1; id <= 10; id++) recent.keep(id, bytes(100));
    recent.take(5);
    recent.keep(11, bytes(100));
    expect(recent.take(1)).toBeDefined();
  });
});
