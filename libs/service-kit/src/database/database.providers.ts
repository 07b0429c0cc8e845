import { Inject, Injectable, Logger, type FactoryProvider, type OnApplicationShutdown } from '@nestjs/common';
import { knex, type Knex } from 'knex';
import { SERVICE_KIT_OPTIONS, type ServiceKitOptions } from '../service-kit.options';
import { DirectoryMigrationSource } from './directory-migration-source';

/** Injection token of the service's knex instance (PostgreSQL). */
export const DATABASE = Symbol('DATABASE');

/** Connects to DATABASE_URL and applies the service's migrations before anything else starts. */
export const databaseProvider: FactoryProvider<Knex> = {
  provide: DATABASE,
  inject: [SERVICE_KIT_OPTIONS],
  useFactory: async ({ config, migrationDirectories }: ServiceKitOptions) => {
    // min 0: idle connections are released, so a restarted database is reconnected cleanly.
    const logger = new Logger('knex');
    const db = knex({
      client: 'pg',
      connection: config.DATABASE_URL,
      pool: { min: 0, max: 10 },
      // knex would print to the console; route its messages into the service's JSON log.
      log: {
        warn: (message) => logger.warn(message),
        error: (message) => logger.error(message),
        deprecate: (method, alternative) => logger.warn(`${method} is deprecated, use ${alternative}`),
        debug: (message) => logger.debug(message),
      },
    });
    try {
      await db.migrate.latest({ migrationSource: new DirectoryMigrationSource(migrationDirectories) });
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return db;
  },
};

/** Closes the pool after the application has stopped using it. */
@Injectable()
export class DatabaseShutdown implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Knex) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
