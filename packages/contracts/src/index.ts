export * from './common.js';
export * from './email.js';
export * from './exports.js';
export * from './people.js';
export * from './realtime.js';
export * from './search.js';
export * from './tickets.js';
export * from './workflow.js';
