import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { foldedSql } from './search-conditions.js';
import { foldText } from './search-text.js';

let t: TestApp;
let agent: TestUser;
let customer: TestUser;
const ids: Record<string, number> = {};

async function ticket(name: string, subject: string, body: string) {
  const res = await api(t, agent, 'POST', '/api/v2/tickets', {
    ticket: { subject, comment: { body }, requester_id: customer.user.id },
  });
  expect(res.status).toBe(201);
  ids[name] = res.body.ticket.id;
}

async function found(query: string, who: TestUser = agent) {
  const res = await api(t, who, 'GET', `/api/v2/search?query=${encodeURIComponent(query)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results.map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b);
}

beforeAll(async () => {
  t = await startTestApp();
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
  await ticket('refundZh', '退款申请', '我的订单重复扣款，请帮我退款。');
  await ticket('loginZh', '账号问题', '我的iPhone无法登录，提示密码错误。');
  await ticket('otherZh', '发票', '请开具发票，谢谢。无法使用优惠券。');
  await ticket('refundAr', 'طلب استرداد', 'أُرِيدُ اسْتِرْدَادَ المَبْلَغِ من فضلك، الفاتورة رقم ٤٥');
  await ticket('loginAr', 'مشكلة في الدخول', 'لا أستطيع تسجيل الدخول إلى حسابي');
  await ticket('english', 'Refund request', 'Please refund order 45, the app shows 无法登录 on login.');
});
afterAll(() => t?.close());

describe('search in Chinese', () => {
  it('finds a two-character word inside longer text', async () => {
    expect(await found('退款')).toEqual([ids.refundZh]);
  });

  it('finds a four-character phrase only where its characters are together', async () => {
    // 无法 and 登录 both appear in otherZh's text, but not as 无法登录.
    expect(await found('无法登录')).toEqual([ids.loginZh, ids.english]);
  });

  it('finds one character', async () => {
    expect(await found('款')).toEqual([ids.refundZh]);
  });

  it('finds a Latin word glued to Chinese, and both together', async () => {
    expect(await found('iPhone')).toEqual([ids.loginZh]);
    expect(await found('iPhone 无法登录')).toEqual([ids.loginZh]);
  });

  it('finds what a customer wrote in their own ticket, through public text', async () => {
    expect(await found('重复扣款', customer)).toEqual([ids.refundZh]);
  });
});

describe('search in Arabic', () => {
  it('finds a word without diacritics in text written with them', async () => {
    expect(await found('استرداد')).toEqual([ids.refundAr]);
    expect(await found('المبلغ')).toEqual([ids.refundAr]);
  });

  it('finds text with a query written with diacritics', async () => {
    expect(await found('اسْتِرْدَاد')).toEqual([ids.refundAr]);
  });

  it('treats alef forms alike', async () => {
    expect(await found('إسترداد')).toEqual([ids.refundAr]);
    expect(await found('استطيع')).toEqual([ids.loginAr]);
    expect(await found('أستطيع')).toEqual([ids.loginAr]);
  });

  it('finds a phrase, and Arabic-Indic digits as digits', async () => {
    expect(await found('"استرداد المبلغ"')).toEqual([ids.refundAr]);
    expect(await found('"المبلغ استرداد"')).toEqual([]);
    expect(await found('الفاتورة 45')).toEqual([ids.refundAr]);
  });

  it('finds what a customer wrote, through public text', async () => {
    expect(await found('تسجيل الدخول', customer)).toEqual([ids.loginAr]);
  });
});

describe('search mixing languages', () => {
  it('matches English with Chinese and Arabic tickets alike', async () => {
    expect(await found('refund')).toEqual([ids.english]);
    expect(await found('45')).toEqual([ids.refundAr, ids.english]);
    expect(await found('refund 无法登录')).toEqual([ids.english]);
  });
});

describe('text folding', () => {
  const samples = [
    'Card   DECLINED!',
    'can’t log-in — again…',
    '申请退款，谢谢',
    'iPhone无法登录',
    'أُرِيدُ اسْتِرْدَادَ المبلغ، رقم ٤٥',
    'ＦＵＬＬ　ｗｉｄｔｈ ＡＢＣ',
    'refund 🙂 please',
    'École Привет',
    'tab\tand\nnewline',
  ];
  it.each(samples)('folds %j in the database exactly as in JavaScript', async (text) => {
    const { rows } = await sql<{ folded: string }>`select ${foldedSql(sql.val(text))} as folded`.execute(
      t.database.db,
    );
    expect(rows[0]!.folded).toBe(foldText(text));
  });
});
