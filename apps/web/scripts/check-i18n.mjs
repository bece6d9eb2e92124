#!/usr/bin/env node
// Fails the build when a UI string is missing from a language: every `t('key')` in
// src/ must exist in en, zh-CN and ar (plural keys by their base), and each language
// must hold the same keys, so no screen falls back to English unseen. A language is
// two files: locales/<l>.json (loaded up front) and screens/<l>.json (loaded with the
// screens opened now and then); a key may live in only one of them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const locales = ['en', 'zh-CN', 'ar'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(object, prefix = '', out = new Set()) {
  for (const [key, value] of Object.entries(object)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) flatten(value, full, out);
    else out.add(full.replace(PLURAL, ''));
  }
  return out;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const problems = [];
const read = (folder, l) =>
  flatten(JSON.parse(readFileSync(path.join(root, 'src/i18n', folder, `${l}.json`), 'utf8')));
const keys = Object.fromEntries(
  locales.map((l) => {
    const upFront = read('locales', l);
    const onDemand = read('screens', l);
    for (const k of onDemand)
      if (upFront.has(k)) problems.push(`${k} is in both locales/${l}.json and screens/${l}.json`);
    return [l, new Set([...upFront, ...onDemand])];
  }),
);
for (const l of locales.slice(1)) {
  for (const k of keys.en) if (!keys[l].has(k)) problems.push(`${l}.json lacks ${k}`);
  for (const k of keys[l]) if (!keys.en.has(k)) problems.push(`${l}.json has ${k}, which en.json lacks`);
}
// Static keys, and the string keys listed in arrays such as [['j'], 'shortcuts.next'].
const used = new Set();
for (const file of files(path.join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?<![\w.])t\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]);
  for (const m of text.matchAll(/\[\s*\[[^\]]*\],\s*'([a-z]+\.[\w.]+)'\s*\]/g)) used.add(m[1]);
  for (const m of text.matchAll(/\['([a-z]+\.[\w.]+)',\s*Icon/g)) used.add(m[1]);
  for (const m of text.matchAll(/\['(ticket\.links\.\w+)'/g)) used.add(m[1]);
}
for (const k of used) if (!keys.en.has(k)) problems.push(`src uses t('${k}'), missing from en.json`);

if (problems.length) {
  console.error(`✗ translations incomplete:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `✓ translations: ${keys.en.size} strings in ${locales.join(', ')}; ${used.size} keys used in code`,
);
