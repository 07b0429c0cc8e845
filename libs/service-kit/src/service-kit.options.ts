import type { BaseConfig } from './config/base.config';

/** The service's parsed configuration (the app's own type, a superset of `BaseConfig`). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_KIT_OPTIONS = Symbol('SERVICE_KIT_OPTIONS');

export interface OpenApiInfo {
  title: string;
  description: string;
  /** Version of the HTTP API contract, not of the build. */
  version: string;
}

export interface ServiceKitOptions {
  config: BaseConfig;
  /** Directories of knex migrations, applied together in file-name order at start-up. */
  migrationDirectories: readonly string[];
  openApi: OpenApiInfo;
  /** Whether the service has `@OnEvent` handlers to consume with (group: KAFKA_CONSUMER_GROUP). */
  consumesEvents?: boolean;
}
