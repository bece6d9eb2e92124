import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives sensible defaults for a bare environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      adminPassword: 'frontline',
      seedDemo: true,
    });
    expect(config.roles).toEqual(['api', 'worker', 'realtime', 'smtp']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ FRONTLINE_ADMIN_PASSWORD: 'abc' }, 'FRONTLINE_ADMIN_PASSWORD'],
    [{ FRONTLINE_SEED_DEMO: 'maybe' }, 'FRONTLINE_SEED_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
  ])('names the bad variable in %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT:[\s\S]*LOG_LEVEL:/);
  });

  it('takes roles from --roles and refuses unknown ones', () => {
    expect(loadConfig({}, ['--roles=api,worker']).roles).toEqual(['api', 'worker']);
    expect(() => loadConfig({}, ['--roles=api,cron'])).toThrow(/unknown role\(s\) cron/);
  });
});
