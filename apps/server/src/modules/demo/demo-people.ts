/** The demo workspace's people: a support team of three tiers answering customers in English, Chinese and Arabic. */

export const demoOrganizations = [
  { name: 'Acme Corporation', domains: ['acme.test'], tags: ['enterprise'] },
  { name: '云科网络', domains: ['yunke.test'], tags: ['enterprise', 'china'] },
  { name: 'شركة النخيل للتجارة', domains: ['nakheel.test'], tags: ['mena'] },
  { name: 'Globex Retail', domains: ['globex.test'], tags: ['smb'] },
];

export const demoGroups = [
  {
    name: 'Tier 1 — Frontline',
    tier: 1,
    description: 'Billing, account and how-to questions, answered within 15 minutes',
  },
  { name: 'Tier 2 — Product specialists', tier: 2, description: 'Deeper product questions, 30 minutes' },
  { name: 'Tier 3 — Technical', tier: 3, description: 'Defects and hard cases; works with engineering' },
];

type Level = 'junior' | 'mid' | 'senior';
export const demoAgents: {
  name: string;
  email: string;
  level: Level;
  tier: number;
  locale: string;
  light?: boolean;
}[] = [
  { name: 'Sam Park', email: 'sam@example.com', level: 'junior', tier: 1, locale: 'en-US' },
  { name: '陈丽', email: 'lily@example.com', level: 'junior', tier: 1, locale: 'zh-CN' },
  { name: 'عمر حداد', email: 'omar@example.com', level: 'mid', tier: 1, locale: 'ar' },
  { name: 'Priya Nair', email: 'priya@example.com', level: 'mid', tier: 2, locale: 'en-US' },
  { name: '王磊', email: 'wang@example.com', level: 'senior', tier: 2, locale: 'zh-CN' },
  { name: 'فاطمة السيد', email: 'fatima@example.com', level: 'senior', tier: 3, locale: 'ar' },
  { name: 'Daniel Weber', email: 'daniel@example.com', level: 'senior', tier: 3, locale: 'en-US' },
  { name: 'Erin Sales', email: 'erin@example.com', level: 'mid', tier: 0, locale: 'en-US', light: true },
];

export const demoCustomers = [
  { name: 'Alice Johnson', email: 'alice@acme.test', locale: 'en-US' },
  { name: 'Bob Martinez', email: 'bob@acme.test', locale: 'en-US' },
  { name: 'Carol White', email: 'carol@globex.test', locale: 'en-US' },
  { name: 'David Kim', email: 'david.kim@mail.test', locale: 'en-US' },
  { name: 'Emma Brown', email: 'emma@mail.test', locale: 'en-US' },
  { name: '张伟', email: 'zhangwei@yunke.test', locale: 'zh-CN' },
  { name: '李娜', email: 'lina@yunke.test', locale: 'zh-CN' },
  { name: '刘洋', email: 'liuyang@mail.test', locale: 'zh-CN' },
  { name: '赵敏', email: 'zhaomin@mail.test', locale: 'zh-CN' },
  { name: 'أحمد الفارسي', email: 'ahmed@nakheel.test', locale: 'ar' },
  { name: 'سارة القحطاني', email: 'sara@nakheel.test', locale: 'ar' },
  { name: 'يوسف منصور', email: 'yousef@mail.test', locale: 'ar' },
  { name: 'ليلى عبد الله', email: 'layla@mail.test', locale: 'ar' },
];
