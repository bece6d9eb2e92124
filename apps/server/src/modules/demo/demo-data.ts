/** The demo workspace: a support team of three tiers answering customers in English, Chinese and Arabic. */

export const demoOrganizations = [
  { name: 'Acme Corporation', domains: ['acme.test'], tags: ['enterprise'] },
  { name: '云科网络', domains: ['yunke.test'], tags: ['enterprise', 'china'] },
  { name: 'شركة النخيل للتجارة', domains: ['nakheel.test'], tags: ['mena'] },
  { name: 'Globex Retail', domains: ['globex.test'], tags: ['smb'] },
];

export const demoGroups = [
  { name: 'Tier 1 — Frontline', tier: 1, description: 'Billing, account and how-to questions, answered within 15 minutes' },
  { name: 'Tier 2 — Product specialists', tier: 2, description: 'Deeper product questions, 30 minutes' },
  { name: 'Tier 3 — Technical', tier: 3, description: 'Defects and hard cases; works with engineering' },
];

type Level = 'junior' | 'mid' | 'senior';
export const demoAgents: { name: string; email: string; level: Level; tier: number; locale: string; light?: boolean }[] = [
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

export const demoTickets: DemoTicket[] = [
  { customer: 0, channel: 'email', subject: 'Charged twice for my subscription', body: 'Hi, my card was charged twice this month for the Pro plan. Can you refund one of the payments?', status: 'open', priority: 'high', type: 'incident', tier: 1, tags: ['billing', 'refund'], reply: 'Sorry about that, Alice. I can see the duplicate charge and have started the refund; it takes 3–5 business days.', hoursAgo: 2 },
  { customer: 1, channel: 'web', subject: 'How do I add a teammate?', body: 'Where do I invite another person from my team to our account?', status: 'solved', priority: 'normal', type: 'question', tier: 1, tags: ['account', 'how-to'], reply: 'Go to Settings → Team → Invite, enter their address and choose a role.', hoursAgo: 30 },
  { customer: 2, channel: 'chat', subject: 'Checkout page shows an error', body: 'Our customers get "payment failed" at checkout since this morning.', status: 'open', priority: 'urgent', type: 'incident', tier: 3, tags: ['checkout', 'outage'], note: 'Same stack trace as the gateway timeout last week; asked engineering.', hoursAgo: 1 },
  { customer: 3, channel: 'email', subject: 'Password reset link expired', body: 'The reset link says it expired although I clicked it right away.', status: 'pending', priority: 'normal', type: 'question', tier: 1, tags: ['account', 'login'], reply: 'I have sent a new link that is valid for 24 hours. Does it work now?', hoursAgo: 20 },
  { customer: 4, channel: 'twitter', subject: '@frontline app keeps logging me out', body: 'Your iPhone app logs me out every time I switch apps. Annoying!', status: 'new', priority: 'normal', type: 'incident', tier: 2, tags: ['mobile', 'ios', 'login'], hoursAgo: 3 },
  { customer: 0, channel: 'email', subject: 'Invoice needs our VAT number', body: 'Please add our VAT number GB123456789 to the last two invoices.', status: 'solved', priority: 'low', type: 'task', tier: 1, tags: ['billing', 'invoice'], reply: 'Done: both invoices now show your VAT number and are in your billing page.', hoursAgo: 70 },
  { customer: 1, channel: 'app_store', subject: 'Review: sync is slow (2 stars)', body: 'Sync between my laptop and phone takes minutes. Please fix.', status: 'open', priority: 'normal', type: 'problem', tier: 2, tags: ['sync', 'review', 'performance'], hoursAgo: 50 },
  { customer: 2, channel: 'voice', subject: 'Call back: bulk export of orders', body: 'Customer asked for a call back about exporting all orders to CSV.', status: 'hold', priority: 'normal', type: 'task', tier: 2, tags: ['callback', 'export'], note: 'Waiting for the export limits from product before calling back.', hoursAgo: 26 },
  { customer: 3, channel: 'web', subject: 'Feature request: dark mode', body: 'Would love a dark mode for the dashboard.', status: 'solved', priority: 'low', type: 'question', tier: 1, tags: ['feedback', 'product'], reply: 'Thanks David! I have passed this to our product team.', hoursAgo: 120 },
  { customer: 4, channel: 'facebook', subject: 'Can I pay yearly?', body: 'Is there a discount if I pay for a year up front?', status: 'solved', priority: 'low', type: 'question', tier: 1, tags: ['billing', 'sales-lead'], reply: 'Yes — yearly plans are 20% cheaper. You can switch under Billing.', hoursAgo: 200 },
  { customer: 0, channel: 'api', subject: 'API returns 500 on large exports', body: 'GET /reports/export fails with 500 when the range is over 90 days.', status: 'open', priority: 'high', type: 'incident', tier: 3, tags: ['api', 'bug'], note: 'Reproduced; filed ENG-1423.', hoursAgo: 8 },
  { customer: 1, channel: 'email', subject: 'Cancel my account', body: 'Please cancel our account at the end of this billing period.', status: 'pending', priority: 'normal', type: 'task', tier: 1, tags: ['account', 'churn-risk'], reply: 'Sorry to see you go. May I ask what made you decide to leave?', hoursAgo: 40 },
  { customer: 2, channel: 'chat', subject: 'Two-factor codes not arriving', body: 'I do not receive the SMS code for two-factor login.', status: 'open', priority: 'high', type: 'incident', tier: 2, tags: ['login', '2fa'], hoursAgo: 5 },
  { customer: 3, channel: 'email', subject: 'Upgrade to Business plan', body: 'We would like to upgrade to Business for 40 seats. Who can help?', status: 'new', priority: 'normal', type: 'question', tier: 1, tags: ['sales-lead', 'billing'], hoursAgo: 4 },
  { customer: 4, channel: 'web', subject: 'Data import stuck at 99%', body: 'My CSV import has shown 99% for an hour.', status: 'open', priority: 'high', type: 'incident', tier: 2, tags: ['import'], reply: 'I restarted the import on our side; it should finish within minutes.', hoursAgo: 12 },
  { customer: 5, channel: 'email', subject: '申请退款：重复扣费', body: '您好，我这个月的订阅被扣了两次费用，请帮我退回其中一笔。', status: 'open', priority: 'high', type: 'incident', tier: 1, tags: ['billing', 'refund'], reply: '您好，已为您提交退款申请，3–5 个工作日内到账。', hoursAgo: 6 },
  { customer: 6, channel: 'chat', subject: '无法登录账户', body: '输入密码后一直提示“账户或密码错误”，但密码是对的。', status: 'open', priority: 'high', type: 'incident', tier: 1, tags: ['login'], hoursAgo: 2 },
  { customer: 7, channel: 'web', subject: '如何导出全部工单数据？', body: '我们需要把所有工单导出成 Excel 做季度报告，应该怎么操作？', status: 'solved', priority: 'normal', type: 'question', tier: 1, tags: ['export', 'how-to'], reply: '在“报表 → 导出”中选择时间范围，然后点击“导出 CSV”即可。', hoursAgo: 48 },
  { customer: 8, channel: 'app_store', subject: '应用评论：同步太慢（两星）', body: '手机和电脑之间同步要好几分钟，希望尽快优化。', status: 'new', priority: 'normal', type: 'problem', tier: 2, tags: ['sync', 'review'], hoursAgo: 9 },
  { customer: 5, channel: 'email', subject: '发票抬头需要修改', body: '上个月的发票抬头写错了，应为“云科网络科技有限公司”。', status: 'pending', priority: 'low', type: 'task', tier: 1, tags: ['invoice'], reply: '好的，请确认纳税人识别号，我们会重新开具发票。', hoursAgo: 28 },
  { customer: 6, channel: 'voice', subject: '回电请求：API 接口报错', body: '客户请求回电，调用 /orders 接口时返回 500 错误。', status: 'open', priority: 'high', type: 'incident', tier: 3, tags: ['api', 'bug', 'callback'], note: '与 ENG-1423 相同，已关联。', hoursAgo: 7 },
  { customer: 7, channel: 'twitter', subject: '@frontline 升级后页面空白', body: '刚升级到最新版本，控制台页面一片空白。', status: 'open', priority: 'urgent', type: 'incident', tier: 3, tags: ['outage', 'web'], hoursAgo: 1 },
  { customer: 8, channel: 'web', subject: '建议：增加深色模式', body: '晚上使用时屏幕太亮，希望增加深色模式。', status: 'solved', priority: 'low', type: 'question', tier: 1, tags: ['feedback', 'product'], reply: '感谢建议，已转给产品团队评估。', hoursAgo: 150 },
  { customer: 5, channel: 'chat', subject: '企业版价格咨询', body: '我们有 200 名员工，想了解企业版的报价。', status: 'new', priority: 'normal', type: 'question', tier: 1, tags: ['sales-lead'], hoursAgo: 3 },
  { customer: 6, channel: 'email', subject: '两步验证短信收不到', body: '开启两步验证后，一直收不到短信验证码。', status: 'hold', priority: 'high', type: 'incident', tier: 2, tags: ['2fa', 'login'], note: '短信服务商在中国地区有延迟，等待供应商回复。', hoursAgo: 22 },
  { customer: 7, channel: 'facebook', subject: '账号被锁定了', body: '多次输错密码后账号被锁，怎么解锁？', status: 'solved', priority: 'normal', type: 'question', tier: 1, tags: ['account', 'login'], reply: '已为您解锁，请使用“忘记密码”重新设置。', hoursAgo: 90 },
  { customer: 8, channel: 'email', subject: '数据导入失败', body: '导入 CSV 时提示“第 1024 行格式错误”，但我看不出问题。', status: 'open', priority: 'normal', type: 'incident', tier: 2, tags: ['import'], hoursAgo: 15 },
  { customer: 5, channel: 'web', subject: '取消自动续费', body: '请帮我关闭自动续费，谢谢。', status: 'closed', priority: 'low', type: 'task', tier: 1, tags: ['billing'], reply: '已关闭自动续费，当前订阅到期后不会再扣费。', hoursAgo: 300 },
  { customer: 9, channel: 'email', subject: 'طلب استرداد مبلغ مدفوع مرتين', body: 'مرحباً، تم خصم قيمة الاشتراك مرتين هذا الشهر. أرجو استرداد أحد المبلغين.', status: 'open', priority: 'high', type: 'incident', tier: 1, tags: ['billing', 'refund'], reply: 'مرحباً أحمد، تم تقديم طلب الاسترداد وسيصل خلال 3 إلى 5 أيام عمل.', hoursAgo: 5 },
  { customer: 10, channel: 'chat', subject: 'لا أستطيع تسجيل الدخول', body: 'تظهر رسالة "كلمة المرور غير صحيحة" رغم أنها صحيحة.', status: 'new', priority: 'high', type: 'incident', tier: 1, tags: ['login'], hoursAgo: 1 },
  { customer: 11, channel: 'web', subject: 'كيف أضيف عضواً جديداً إلى الفريق؟', body: 'أين أجد خيار دعوة زميل إلى حسابنا؟', status: 'solved', priority: 'normal', type: 'question', tier: 1, tags: ['account', 'how-to'], reply: 'من الإعدادات ← الفريق ← دعوة، ثم أدخل البريد الإلكتروني واختر الدور.', hoursAgo: 60 },
  { customer: 12, channel: 'app_store', subject: 'تقييم: التطبيق بطيء جداً (نجمتان)', body: 'المزامنة بين الهاتف والحاسوب تستغرق دقائق.', status: 'open', priority: 'normal', type: 'problem', tier: 2, tags: ['sync', 'review'], hoursAgo: 36 },
  { customer: 9, channel: 'voice', subject: 'طلب معاودة اتصال: ترقية الباقة', body: 'يرغب العميل في مكالمة لمناقشة الترقية إلى باقة الأعمال لخمسين مستخدماً.', status: 'pending', priority: 'normal', type: 'task', tier: 1, tags: ['callback', 'sales-lead'], reply: 'سنتصل بك غداً الساعة العاشرة صباحاً، هل يناسبك الموعد؟', hoursAgo: 18 },
  { customer: 10, channel: 'email', subject: 'الفاتورة تحتاج الرقم الضريبي', body: 'أرجو إضافة الرقم الضريبي لشركتنا إلى آخر فاتورتين.', status: 'solved', priority: 'low', type: 'task', tier: 1, tags: ['invoice'], reply: 'تمت إضافة الرقم الضريبي، ويمكنك تنزيل الفواتير من صفحة الفوترة.', hoursAgo: 100 },
  { customer: 11, channel: 'twitter', subject: 'الموقع لا يعمل عندي', body: 'صفحة لوحة التحكم فارغة بعد التحديث الأخير.', status: 'open', priority: 'urgent', type: 'incident', tier: 3, tags: ['outage', 'web'], note: 'نفس مشكلة التذكرة الصينية عن الصفحة الفارغة؛ تم إبلاغ الهندسة.', hoursAgo: 2 },
  { customer: 12, channel: 'facebook', subject: 'هل يوجد خصم للدفع السنوي؟', body: 'أريد الدفع لسنة كاملة مقدماً، هل هناك خصم؟', status: 'solved', priority: 'low', type: 'question', tier: 1, tags: ['billing', 'sales-lead'], reply: 'نعم، الاشتراك السنوي أرخص بنسبة 20٪.', hoursAgo: 240 },
  { customer: 9, channel: 'web', subject: 'رموز التحقق الثنائي لا تصل', body: 'لا تصلني رسائل رمز التحقق عند تسجيل الدخول.', status: 'hold', priority: 'high', type: 'incident', tier: 2, tags: ['2fa', 'login'], note: 'ننتظر رد مزود الرسائل القصيرة بشأن التأخير في المنطقة.', hoursAgo: 24 },
  { customer: 10, channel: 'chat', subject: 'استيراد البيانات متوقف', body: 'استيراد ملف CSV متوقف عند 99٪ منذ ساعة.', status: 'open', priority: 'high', type: 'incident', tier: 2, tags: ['import'], hoursAgo: 4 },
  { customer: 11, channel: 'email', subject: 'إلغاء الاشتراك', body: 'أرجو إلغاء اشتراكنا في نهاية الفترة الحالية.', status: 'pending', priority: 'normal', type: 'task', tier: 1, tags: ['account', 'churn-risk'], reply: 'يؤسفنا ذلك. هل يمكنك إخبارنا بسبب الإلغاء؟', hoursAgo: 44 },
  { customer: 3, channel: 'chat', subject: 'Webhook deliveries failing', body: 'Our endpoint returns 200 but your dashboard shows every webhook as failed.', status: 'open', priority: 'high', type: 'incident', tier: 3, tags: ['api', 'webhooks'], hoursAgo: 10 },
  { customer: 4, channel: 'email', subject: 'Need a DPA for GDPR', body: 'Our legal team needs a signed data processing agreement.', status: 'pending', priority: 'normal', type: 'task', tier: 2, tags: ['legal', 'gdpr'], reply: 'Attached is our standard DPA; sign it and send it back and we will countersign.', hoursAgo: 55 },
  { customer: 0, channel: 'web', subject: 'Report totals do not match', body: 'The monthly report shows 412 orders but our export has 418.', status: 'open', priority: 'normal', type: 'incident', tier: 2, tags: ['reports'], hoursAgo: 16 },
  { customer: 1, channel: 'facebook', subject: 'Love the new editor!', body: 'Just wanted to say the new editor is great.', status: 'solved', priority: 'low', type: 'question', tier: 1, tags: ['feedback', 'praise'], reply: 'Thank you Bob, that made our day!', hoursAgo: 170 },
  { customer: 2, channel: 'email', subject: 'SSO with Okta', body: 'How do we set up single sign-on with Okta for our staff?', status: 'open', priority: 'normal', type: 'question', tier: 2, tags: ['sso', 'how-to'], hoursAgo: 11 },
  { customer: 3, channel: 'api', subject: 'Rate limit too low for our integration', body: 'We hit 429 errors during nightly syncs. Can the limit be raised?', status: 'new', priority: 'normal', type: 'question', tier: 2, tags: ['api', 'rate-limit'], hoursAgo: 6 },
  { customer: 4, channel: 'chat', subject: 'Where is my order confirmation?', body: 'I ordered yesterday and got no confirmation email.', status: 'solved', priority: 'normal', type: 'question', tier: 1, tags: ['email'], reply: 'It went to your spam folder; I have resent it.', hoursAgo: 80 },
  { customer: 0, channel: 'email', subject: 'Sync is slow across devices', body: 'Changes on my laptop take minutes to appear on my phone.', status: 'open', priority: 'normal', type: 'problem', tier: 3, tags: ['sync', 'performance'], note: 'Problem ticket: linking the app-store reviews about slow sync here.', hoursAgo: 72 },
  { customer: 1, channel: 'voice', subject: 'Call back: contract renewal', body: 'Wants to discuss renewal terms for next year.', status: 'new', priority: 'low', type: 'task', tier: 1, tags: ['callback', 'sales-lead'], hoursAgo: 5 },
  { customer: 2, channel: 'web', subject: 'Delete my personal data', body: 'Please delete all personal data you hold about me.', status: 'open', priority: 'high', type: 'task', tier: 2, tags: ['gdpr', 'privacy'], hoursAgo: 30 },
  { customer: 3, channel: 'twitter', subject: '@frontline is there an Android widget?', body: 'Any plans for a home-screen widget on Android?', status: 'closed', priority: 'low', type: 'question', tier: 1, tags: ['feedback', 'mobile'], reply: 'Not yet, but it is on our roadmap!', hoursAgo: 320 },
  { customer: 4, channel: 'email', subject: 'Wrong currency on invoice', body: 'My invoice is in USD but my account is set to EUR.', status: 'open', priority: 'normal', type: 'incident', tier: 1, tags: ['billing', 'invoice'], hoursAgo: 9 },
];
