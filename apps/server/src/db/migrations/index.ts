import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Migration = { name: string; sql: string };

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = /^(\d{4}_[a-z0-9_]+)\.(js|ts)$/;

/**
 * Every migration in this folder, in name order: `NNNN_name.ts` exporting its SQL as
 * the default export. Add a file; never edit, rename or reorder an applied one.
 */
export async function loadMigrations(): Promise<Migration[]> {
  const names = new Map<string, string>();
  for (const file of readdirSync(here)) {
    const match = FILE.exec(file);
    if (match && !file.endsWith('.d.ts')) names.set(match[1]!, file);
  }
  const sorted = [...names.keys()].sort();
  const migrations: Migration[] = [];
  for (const name of sorted) {
    const module = (await import(pathToFileURL(path.join(here, names.get(name)!)).href)) as {
      default: string;
    };
    migrations.push({ name, sql: module.default });
  }
  return migrations;
}
