import { sha256 } from '../../../platform/auth/secrets.js';
import type { Storage } from '../../../platform/storage/storage.js';

/**
 * Where a received message's bytes live. In the database row, normally; on the
 * embedded engine (one node), large messages go to storage instead, because PGlite
 * copies big parameters slowly and every megabyte in it costs memory.
 */
export const OFFLOAD_ABOVE_BYTES = 32 * 1024;

export async function offloadRaw(storage: Storage, raw: Buffer) {
  const hash = sha256(raw);
  const key = `inbound/${hash.slice(0, 2)}/${hash}`;
  await storage.put(key, raw);
  return key;
}

/** The bytes of a stored message; null when its file is gone. */
export async function loadRaw(storage: Storage, message: { raw: Buffer; storage_key: string | null }) {
  if (!message.storage_key) return message.raw;
  const stream = await storage.get(message.storage_key);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
