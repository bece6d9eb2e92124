import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token safe for URLs and headers (`bytes` of entropy). */
export function randomToken(bytes = 30) {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string | Buffer) {
  return createHash('sha256').update(value).digest('hex');
}

export function hmac(secret: string, value: string) {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
