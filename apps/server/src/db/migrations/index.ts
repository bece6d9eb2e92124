import core from './0001_core.js';

export type Migration = { name: string; sql: string };

/** Every migration in the order it is applied. Append; never edit or reorder an applied one. */
export const migrations: Migration[] = [{ name: '0001_core', sql: core }];
