import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomToken } from '../auth/secrets.js';

/**
 * Where attachment bytes live. Local disk by default; an S3-compatible store can
 * implement the same three calls for several nodes.
 */
export type Storage = {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
};

/** Files under `root`, written to a temporary name and renamed, so a crash never leaves half a file. */
export function createDiskStorage(root: string): Storage {
  const fileOf = (key: string) => {
    if (!/^[a-z0-9/_-]+$/i.test(key) || key.includes('..')) throw new Error(`bad storage key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const exists = await stat(file).then(
        () => true,
        () => false,
      );
      if (exists) return;
      const tmp = `${file}.${randomToken(6)}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
    },
    async get(key) {
      const file = fileOf(key);
      const exists = await stat(file).then(
        () => true,
        () => false,
      );
      return exists ? createReadStream(file) : null;
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
