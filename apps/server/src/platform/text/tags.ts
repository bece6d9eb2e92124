/** Zendesk tags: lower case, no spaces ("VIP customer" is two tags), each once, in order. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags.flatMap((t) => t.toLowerCase().split(/[\s,]+/))) {
    const clean = tag.replace(/[^\p{L}\p{N}_\-:/.?@]/gu, '');
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out;
}
