export * from './common.js';
export * from './people.js';
export * from './tickets.js';
export * from './search.js';
export * from './exports.js';
export * from './email.js';
export * from './workflow.js';
export * from './realtime.js';
