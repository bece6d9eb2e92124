/** A time as the API shows it: ISO-8601 UTC to the second (`2026-11-24T10:00:00Z`), as Zendesk does. */
export const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const isoOrNull = (d: Date | null) => (d ? iso(d) : null);
