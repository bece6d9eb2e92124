export * from './common.js';
export * from './people.js';
export * from './tickets.js';
