import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp } from '../../test/harness.js';
import { seedDemoKnowledgeBase } from './index.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  expect(await seedDemoKnowledgeBase(t.database.db, t.clock.now())).toEqual({
    categories: 2,
    sections: 2,
    articles: 5,
  });
});
afterAll(() => t?.close());

describe('demo help center', () => {
  it('answers Chinese and Arabic searches from the demo articles', async () => {
    const zh = await api(
      t,
      null,
      'GET',
      `/api/v2/help_center/articles/search?query=${encodeURIComponent('退款')}&locale=zh-cn`,
    );
    expect(zh.body.results.map((r: { title: string }) => r.title)).toEqual(['如何申请退款']);
    const ar = await api(
      t,
      null,
      'GET',
      `/api/v2/help_center/ar/articles/search?query=${encodeURIComponent('كلمة المرور')}`,
    );
    expect(ar.body.results.map((r: { title: string }) => r.title)).toEqual(['كيفية إعادة تعيين كلمة المرور']);
  });

  it('keeps the answer script for agents', async () => {
    const agent = await createUser(t, { role: 'agent' });
    const query = `/api/v2/help_center/articles/suggestions?query=${encodeURIComponent('customer wants a refund after 30 days')}`;
    const forAgent = await api(t, agent, 'GET', query);
    expect(forAgent.body.results.map((r: { title: string }) => r.title)).toContain(
      'Answer script: refund after 30 days',
    );
    const forVisitor = await api(t, null, 'GET', query);
    expect(forVisitor.body.results.map((r: { title: string }) => r.title)).not.toContain(
      'Answer script: refund after 30 days',
    );
    expect(forVisitor.body.results.length).toBeGreaterThan(0);
  });
});
