/**
 * Text PostgreSQL can store. `text` refuses NUL (U+0000), and `jsonb` refuses NUL and
 * lone UTF-16 surrogates (half of a pair, which JavaScript strings allow). Text from
 * outside (mail, imports) goes through this on the way in, so one stray character
 * never loses a whole message; the original bytes stay wherever the caller keeps them.
 */
const NUL = String.fromCharCode(0);
/** With the `u` flag a well-formed pair is one code point, so only a lone half matches. */
const LONE_SURROGATES = /\p{Cs}/gu;
const HAS_LONE_SURROGATE = /\p{Cs}/u;

/** `value` without NUL characters and lone surrogates (well-formed pairs stay). */
export function storableText(value: string): string {
  const out = value.includes(NUL) ? value.replaceAll(NUL, '') : value;
  return HAS_LONE_SURROGATE.test(out) ? out.replace(LONE_SURROGATES, '') : out;
}
