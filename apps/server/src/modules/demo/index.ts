export { ADMIN_EMAIL, claimOnce, ensureAdmin, forgetClaim } from './bootstrap.js';
export { seedDemoWorkspace } from './seed.js';
