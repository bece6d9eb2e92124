import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';

export { ADMIN_EMAIL, claimOnce, ensureAdmin } from './bootstrap.js';

/** Seeds the demo workspace on first start. */
export async function seedDemoWorkspace(
  _database: Database,
  _clock: Clock,
  progress: (message: string) => void,
) {
  progress('nothing to seed yet');
}
