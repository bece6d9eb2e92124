import { isKnownTimeZone } from './business-time.js';

/**
 * Zendesk names schedule time zones the Rails way ("Eastern Time (US & Canada)").
 * Frontline stores IANA names and accepts the common Rails names on the way in, so a
 * schedule exported from Zendesk imports as it is.
 */
const RAILS_ZONES: Record<string, string> = {
  'International Date Line West': 'Etc/GMT+12',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  'Mountain Time (US & Canada)': 'America/Denver',
  Arizona: 'America/Phoenix',
  'Central Time (US & Canada)': 'America/Chicago',
  'Eastern Time (US & Canada)': 'America/New_York',
  'Atlantic Time (Canada)': 'America/Halifax',
  Brasilia: 'America/Sao_Paulo',
  'Buenos Aires': 'America/Argentina/Buenos_Aires',
  'Mexico City': 'America/Mexico_City',
  UTC: 'UTC',
  London: 'Europe/London',
  Dublin: 'Europe/Dublin',
  Lisbon: 'Europe/Lisbon',
  Amsterdam: 'Europe/Amsterdam',
  Berlin: 'Europe/Berlin',
  Paris: 'Europe/Paris',
  Madrid: 'Europe/Madrid',
  Rome: 'Europe/Rome',
  Stockholm: 'Europe/Stockholm',
  Warsaw: 'Europe/Warsaw',
  Athens: 'Europe/Athens',
  Istanbul: 'Europe/Istanbul',
  Moscow: 'Europe/Moscow',
  Cairo: 'Africa/Cairo',
  Riyadh: 'Asia/Riyadh',
  'Abu Dhabi': 'Asia/Dubai',
  Dubai: 'Asia/Dubai',
  Karachi: 'Asia/Karachi',
  'New Delhi': 'Asia/Kolkata',
  Mumbai: 'Asia/Kolkata',
  Bangkok: 'Asia/Bangkok',
  Jakarta: 'Asia/Jakarta',
  Beijing: 'Asia/Shanghai',
  'Hong Kong': 'Asia/Hong_Kong',
  Singapore: 'Asia/Singapore',
  Taipei: 'Asia/Taipei',
  Seoul: 'Asia/Seoul',
  Tokyo: 'Asia/Tokyo',
  Sydney: 'Australia/Sydney',
  Melbourne: 'Australia/Melbourne',
  Auckland: 'Pacific/Auckland',
};

/** The IANA zone for an IANA or common Rails name; null when unknown. */
export function resolveTimeZone(name: string): string | null {
  const mapped = RAILS_ZONES[name] ?? name;
  return isKnownTimeZone(mapped) ? mapped : null;
}
