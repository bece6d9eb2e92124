import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { sanitizeArticle } from '../../platform/text/html.js';
import { createKbRepository } from './kb.repository.js';
import { translationTokens } from './kb.service.js';

type Texts = Record<string, [title: string, body: string]>;
type DemoArticle = {
  section: number;
  segment: 'everyone' | 'signed_in_users' | 'staff';
  labels: string[];
  texts: Texts;
};

const categories: Texts[] = [
  {
    'en-us': ['Getting started', 'Your account and signing in'],
    'zh-cn': ['入门指南', '账户与登录'],
    ar: ['البدء', 'حسابك وتسجيل الدخول'],
  },
  {
    'en-us': ['Billing', 'Payments, invoices and refunds'],
    'zh-cn': ['账单', '付款、发票与退款'],
    ar: ['الفواتير', 'المدفوعات والفواتير والاسترداد'],
  },
];
const sections: { category: number; texts: Texts }[] = [
  { category: 0, texts: { 'en-us': ['Your account', ''], 'zh-cn': ['您的账户', ''], ar: ['حسابك', ''] } },
  {
    category: 1,
    texts: {
      'en-us': ['Payments and refunds', ''],
      'zh-cn': ['付款与退款', ''],
      ar: ['المدفوعات والاسترداد', ''],
    },
  },
];
const articles: DemoArticle[] = [
  {
    section: 0,
    segment: 'everyone',
    labels: ['password', 'login'],
    texts: {
      'en-us': [
        'How to reset your password',
        '<p>Open the sign-in page, choose <strong>Forgot password</strong> and enter your email. The link in the email works for one hour.</p>',
      ],
      'zh-cn': [
        '如何重置密码',
        '<p>打开登录页面，点击<strong>忘记密码</strong>并输入您的邮箱。邮件中的链接在一小时内有效。</p>',
      ],
      ar: [
        'كيفية إعادة تعيين كلمة المرور',
        '<p>افتح صفحة تسجيل الدخول واختر <strong>نسيت كلمة المرور</strong> ثم أدخل بريدك الإلكتروني. الرابط صالح لمدة ساعة.</p>',
      ],
    },
  },
  {
    section: 1,
    segment: 'everyone',
    labels: ['refund'],
    texts: {
      'en-us': [
        'How to request a refund',
        '<p>Refunds are possible within 30 days of payment. Open <em>Orders</em>, pick the order and choose <strong>Request refund</strong>. Money returns to the card in 5–10 days.</p>',
      ],
      'zh-cn': [
        '如何申请退款',
        '<p>付款后 30 天内可以申请退款。打开<em>订单</em>，选择订单并点击<strong>申请退款</strong>。款项将在 5–10 天内退回银行卡。</p>',
      ],
      ar: [
        'كيفية طلب استرداد المبلغ',
        '<p>يمكن استرداد المبلغ خلال 30 يومًا من الدفع. افتح <em>الطلبات</em> واختر الطلب ثم <strong>طلب استرداد</strong>. يعود المبلغ إلى البطاقة خلال 5–10 أيام.</p>',
      ],
    },
  },
  {
    section: 1,
    segment: 'everyone',
    labels: ['export'],
    texts: {
      'en-us': [
        'Export your orders to CSV',
        '<p>Reports → Orders → <strong>Export</strong>. Ranges up to 90 days export at once; split longer ranges.</p>',
      ],
    },
  },
  {
    section: 1,
    segment: 'signed_in_users',
    labels: ['billing'],
    texts: {
      'en-us': [
        'Change your billing address',
        '<p>Signed-in customers can change the billing address under <em>Account → Billing</em>. Invoices already issued keep the old address.</p>',
      ],
    },
  },
  {
    section: 1,
    segment: 'staff',
    labels: ['answer-script', 'refund'],
    texts: {
      'en-us': [
        'Answer script: refund after 30 days',
        '<p>Internal. Apologise, explain the 30-day policy, and offer store credit. Tier 2 may approve a refund up to 100 USD; above that, escalate to billing.</p>',
      ],
    },
  },
];

/**
 * The demo workspace's help center: two categories, a public article in English,
 * Chinese and Arabic, one for signed-in customers and one internal answer script.
 */
export async function seedDemoKnowledgeBase(db: Kysely<DB>, now: Date, authorId: number | null = null) {
  const kb = createKbRepository(db);
  const segments = await kb.segments();
  const segmentId = (s: DemoArticle['segment']) =>
    s === 'everyone' ? null : (segments.find((x) => x.built_in && x.user_type === s)?.id ?? null);
  const translate = async (type: 'category' | 'section' | 'article', id: number, texts: Texts) => {
    for (const [locale, [title, raw]] of Object.entries(texts)) {
      const body = type === 'article' ? sanitizeArticle(raw) : raw;
      const tokens =
        type === 'article' ? translationTokens(title, body) : { title_tokens: [], search_tokens: [] };
      await kb.saveTranslation({
        source_type: type,
        source_id: id,
        locale,
        title,
        body,
        draft: false,
        ...tokens,
        user_id: authorId,
        at: now,
      });
      if (type === 'article')
        await kb.addVersion({ article_id: id, locale, title, body, author_id: authorId, created_at: now });
    }
  };
  const categoryIds: number[] = [];
  for (const [position, texts] of categories.entries()) {
    const { id } = await kb.insertContainer('category', {
      position,
      source_locale: 'en-us',
      created_at: now,
      updated_at: now,
    });
    await translate('category', id, texts);
    categoryIds.push(id);
  }
  const sectionIds: number[] = [];
  for (const [position, s] of sections.entries()) {
    const { id } = await kb.insertContainer('section', {
      created_at: now,
      updated_at: now,
      position,
      source_locale: 'en-us',
      category_id: categoryIds[s.category]!,
    });
    await translate('section', id, s.texts);
    sectionIds.push(id);
  }
  for (const [position, a] of articles.entries()) {
    const { id } = await kb.insertArticle({
      created_at: now,
      updated_at: now,
      edited_at: now,
      section_id: sectionIds[a.section]!,
      author_id: authorId,
      user_segment_id: segmentId(a.segment),
      permission_group_id: null,
      position,
      promoted: false,
      comments_disabled: false,
      source_locale: 'en-us',
      label_names: a.labels,
    });
    await kb.ensureLabels(a.labels);
    await translate('article', id, a.texts);
  }
  return { categories: categoryIds.length, sections: sectionIds.length, articles: articles.length };
}
