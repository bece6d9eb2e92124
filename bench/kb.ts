// The knowledge-base benchmark (`npm run bench -- kb`), on PostgreSQL: 10,000 articles
// in English, Chinese and Arabic; the help-center article page and the article search
// (API and help-center page), each as p95 latency with one client (≈ server time over
// loopback) and throughput with 50, beside the ceiling of the same run: a bare Fastify
// GET and a bare Fastify POST + one INSERT (bench/ceiling-server.ts).
// Options from the environment: BENCH_DATABASE_URL, KB_BENCH_ARTICLES (10000),
// KB_BENCH_SECONDS (10), KB_BENCH_CONNECTIONS (50).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres } from '../apps/server/src/db/database.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import { translationTokens } from '../apps/server/src/modules/kb/kb.service.js';
import { type LoadRequest, type LoadResult, runLoad } from './load.js';

const root = path.resolve(import.meta.dirname, '..');
const PORT = 3921;
const CEILING_PORT = 3922;
const ARTICLES = Number(process.env.KB_BENCH_ARTICLES ?? 10_000);
const SECONDS = Number(process.env.KB_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.KB_BENCH_CONNECTIONS ?? 50);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A deterministic generator, so every run seeds the same articles. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** About 2,000 words a language: English-like syllable words, two-character Chinese words, three-letter Arabic roots. */
function vocabulary(locale: string): string[] {
  const next = random(locale.length * 7919);
  const pick = (pool: string[]) => pool[Math.floor(next() * pool.length)]!;
  const en = 'ka lo mi re fun pay ex port in voice ship log bill card plan team de sta con ter'.split(' ');
  const zh = [
    ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严',
  ];
  const ar = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'];
  const words = new Set<string>();
  while (words.size < 2000) {
    if (locale === 'en-us') words.add(pick(en) + pick(en) + (next() < 0.5 ? pick(en) : ''));
    else if (locale === 'zh-cn') words.add(pick(zh) + pick(zh));
    else words.add(pick(ar) + pick(ar) + pick(ar) + (next() < 0.3 ? pick(ar) : ''));
  }
  return [...words];
}

const WORDS: Record<string, string[]> = Object.fromEntries(
  ['en-us', 'zh-cn', 'ar'].map((l) => [l, vocabulary(l)]),
);
const LOCALES = Object.keys(WORDS);

/** Words drawn with a skew (common words often, rare ones seldom), as real text is. */
function text(locale: string, seed: number, count: number) {
  const words = WORDS[locale]!;
  const next = random(seed * 2654435761 + locale.length);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(words[Math.floor(words.length * next() ** 2.5)]!);
  return out.join(locale === 'zh-cn' ? '' : ' ');
}

export async function seed(url: string, progress: (m: string) => void) {
  const database = await openPostgres(url, 4);
  await migrate(database);
  const db = database.db;
  const { id: categoryId } = await db
    .insertInto('kb_categories')
    .values({ position: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: sectionId } = await db
    .insertInto('kb_sections')
    .values({ category_id: categoryId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const started = Date.now();
  for (let from = 0; from < ARTICLES; from += 500) {
    const n = Math.min(500, ARTICLES - from);
    const rows = Array.from({ length: n }, (_, i) => {
      const k = from + i;
      const locale = LOCALES[k % 3]!;
      return {
        k,
        locale,
        title: text(locale, k, 5),
        body: `<p>${text(locale, k + 1, 120)}</p><p>${text(locale, k + 2, 80)}</p>`,
      };
    });
    const ids = await db
      .insertInto('kb_articles')
      .values(
        rows.map((r) => ({
          section_id: sectionId,
          source_locale: r.locale,
          vote_sum: r.k % 11,
          label_names: [],
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('kb_translations')
      .values(
        rows.map((r, i) => ({
          source_type: 'article' as const,
          source_id: ids[i]!.id,
          locale: r.locale,
          title: r.title,
          body: r.body,
          ...translationTokens(r.title, r.body),
          created_by_id: null,
          updated_by_id: null,
        })),
      )
      .execute();
  }
  await db
    .insertInto('kb_translations')
    .values({
      source_type: 'category',
      source_id: categoryId,
      locale: 'en-us',
      title: 'Bench',
      created_by_id: null,
      updated_by_id: null,
    })
    .execute();
  await db
    .insertInto('kb_translations')
    .values({
      source_type: 'section',
      source_id: sectionId,
      locale: 'en-us',
      title: 'Bench',
      created_by_id: null,
      updated_by_id: null,
    })
    .execute();
  await db
    .selectFrom('kb_articles')
    .select('id')
    .execute()
    .then(() => undefined);
  const first = Number(
    (
      await db
        .selectFrom('kb_articles')
        .select((eb) => eb.fn.min('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id,
  );
  await sql`analyze`.execute(db);
  await database.close();
  progress(
    `seeded ${ARTICLES.toLocaleString('en-US')} articles in ${Math.round((Date.now() - started) / 100) / 10} s`,
  );
  return first;
}

function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
async function waitReady(url: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready`);
}
function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function runKbBench({ progress }: { progress(m: string): void }) {
  const figures: Record<string, number | string> = { articles: ARTICLES };
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const name = `fl_bench_kb_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  await admin.query(`create database ${name}_ceiling`);
  const url = new URL(`/${name}`, DATABASE_URL).toString();
  const servers: ChildProcess[] = [];
  try {
    const firstId = await seed(url, progress);
    const measure = async (label: string, target: string, next: (i: number) => LoadRequest) => {
      const one: LoadResult = await runLoad({ url: target, connections: 1, seconds: SECONDS / 2, next });
      const many: LoadResult = await runLoad({
        url: target,
        connections: CONNECTIONS,
        seconds: SECONDS,
        next,
      });
      figures[`${label}_p95_ms`] = round(one.p95);
      figures[`${label}_p50_ms`] = round(one.p50);
      figures[`${label}_req_s`] = Math.round(many.perSecond);
      figures[`${label}_p95_ms_at_${CONNECTIONS}`] = round(many.p95);
      progress(
        `${label}: p95 ${round(one.p95)} ms (1 client), ${Math.round(many.perSecond)} req/s (${CONNECTIONS}), errors ${one.errors + many.errors}`,
      );
    };

    const ceiling = spawnNode(
      [
        '--import',
        'tsx',
        'bench/ceiling-server.ts',
        String(CEILING_PORT),
        'postgres',
        new URL(`/${name}_ceiling`, DATABASE_URL).toString(),
      ],
      {},
    );
    servers.push(ceiling);
    await waitReady(`http://127.0.0.1:${CEILING_PORT}/healthz`);
    const body = JSON.stringify({ subject: 'Printer on fire', body: 'x'.repeat(1000) });
    await measure('ceiling_get', `http://127.0.0.1:${CEILING_PORT}`, () => ({
      method: 'GET',
      path: '/healthz',
    }));
    await measure('ceiling_insert', `http://127.0.0.1:${CEILING_PORT}`, () => ({
      method: 'POST',
      path: '/insert',
      headers: { 'content-type': 'application/json' },
      body,
    }));
    await stop(ceiling);

    const server = spawnNode(['apps/server/dist/main.js', '--roles=api'], {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      FRONTLINE_SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
      NODE_ENV: 'production',
      DATABASE_URL: url,
    });
    servers.push(server);
    const base = `http://127.0.0.1:${PORT}`;
    await waitReady(`${base}/healthz`);
    const article = (i: number) => firstId + ((i * 7919) % ARTICLES);
    const localeOf = (id: number) => LOCALES[(id - firstId) % 3]!;
    const query = (i: number) => {
      const locale = LOCALES[i % 3]!;
      const words = WORDS[locale]!;
      return { locale, q: encodeURIComponent(words[50 + ((i * 37) % 450)]!) };
    };
    await measure('article_page', base, (i) => {
      const id = article(i);
      return { method: 'GET', path: `/hc/${localeOf(id)}/articles/${id}` };
    });
    await measure('api_search', base, (i) => {
      const { locale, q } = query(i);
      return {
        method: 'GET',
        path: `/api/v2/help_center/articles/search?query=${q}&locale=${locale}&per_page=25`,
      };
    });
    await measure('hc_search_page', base, (i) => {
      const { locale, q } = query(i + 1);
      return { method: 'GET', path: `/hc/${locale}/search?query=${q}` };
    });
    await measure('suggestions', base, (i) => {
      const locale = LOCALES[i % 3]!;
      return {
        method: 'GET',
        path: `/api/v2/help_center/articles/suggestions?query=${encodeURIComponent(text(locale, i, 12))}&locale=${locale}&source=agent`,
      };
    });
    await stop(server);
  } finally {
    for (const s of servers) await stop(s);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`drop database if exists ${name}_ceiling with (force)`);
    await admin.end();
  }
  return figures;
}
