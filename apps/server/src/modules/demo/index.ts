export { ADMIN_EMAIL, claimOnce, ensureAdmin } from './bootstrap.js';
export { seedDemoWorkspace } from './seed.js';
