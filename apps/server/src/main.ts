import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { ADMIN_EMAIL, claimOnce, ensureAdmin, forgetClaim, seedDemoWorkspace } from './modules/demo/index.js';
import type { WorkflowModule } from './modules/workflow/index.js';
import { systemClock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, process.stdout.isTTY && config.env !== 'production');
  const engine = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  logger.info(`opening database (${engine})`);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  const migrated = await migrate(database);
  logger.info(`migrations: ${migrated.applied.length} applied, ${migrated.total} in all`);
  if (process.argv.includes('--migrate-only')) {
    await database.close();
    return;
  }

  const madeAdmin = await ensureAdmin(database, systemClock, config.adminPassword);
  const app = await buildApp({ config, database, logger });
  if (config.seedDemo && (await claimOnce(database, 'demo_seeded'))) {
    logger.info('seeding the demo workspace (first start)');
    try {
      const workflow = app.modules.find((m) => m.name === 'workflow') as WorkflowModule;
      await seedDemoWorkspace(
        database,
        systemClock.now(),
        config.adminPassword,
        (message) => logger.info(`demo data: ${message}`),
        { refreshSla: workflow.refreshSla },
      );
    } catch (error) {
      await forgetClaim(database, 'demo_seeded');
      throw new Error(
        `seeding the demo workspace failed (start with FRONTLINE_SEED_DEMO=false to skip it): ${(error as Error).message}`,
      );
    }
  }
  await app.start(config.roles);
  if (config.roles.includes('api')) {
    await app.http.listen({ host: config.host, port: config.port });
    const address = app.http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://localhost:${port}`;
    const login =
      madeAdmin || config.seedDemo
        ? `\n  Admin login: ${ADMIN_EMAIL} / ${config.adminPassword === 'frontline' ? 'frontline' : '(FRONTLINE_ADMIN_PASSWORD)'}`
        : '';
    console.log(
      `\nFrontline is running at ${url}\n  Agent workspace: ${url}/agent\n  API: ${url}/api/v2 (OpenAPI at ${url}/api/docs/openapi.json)${login}\n`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: finishing in-flight requests and jobs`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('Frontline failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
