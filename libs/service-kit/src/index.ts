export { bootstrapService } from './bootstrap-service';
export { createService } from './create-service';
export { ServiceKitModule } from './service-kit.module';
export { SERVICE_CONFIG, type OpenApiInfo, type ServiceKitOptions } from './service-kit.options';
export { serviceConfigSchema, type BaseConfig, type ServiceDefaults } from './config/base.config';
export { ConfigError, type ConfigIssue } from './config/config.error';
export { loadConfig, type ConfigSchema } from './config/load-config';
export { jsonSetting } from './auth/json-setting';
export { intSetting } from './config/int-setting';
export { kafkaConnection, schemaRegistryConnection } from './config/connections';
export { DATABASE } from './database/database.providers';
export { HttpProblem, type HttpProblemInit, type InvalidField } from './errors/http-problem';
export { parseRequest } from './errors/parse-request';
export { cursorParam, pageCursor } from './http/page-cursor';
export { parseRetryAfter } from './http/retry-after';
export { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './errors/to-problem';
export { CORRELATION_ID_HEADER } from './logging/http-logger.options';
export { startTracing, type Tracing } from './tracing/start-tracing';
export { Public, Roles } from './auth/auth.decorators';
export { ANONYMOUS_ADMIN, Principal, principalOf } from './auth/principal';
export { ROLES, type Role } from './auth/roles';
export { hashApiKey, type ApiKeyEntry } from './auth/api-keys';
export { API_KEY_HEADER } from './auth/authenticator';
export { SignedWebhook, type SignedWebhookOptions } from './webhooks/signed-webhook.decorator';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookSignatureCheck,
  type WebhookSignatureFailure,
  type WebhookVerification,
} from './webhooks/webhook-signature';
export { DirectoryMigrationSource } from './database/directory-migration-source';
export { GroupCommit, type GroupCommitOptions } from './database/group-commit';
export { WakeablePasses, type WakeablePassesOptions } from './database/wakeable-passes';
export { NotificationListener, type NotificationListenerOptions } from './database/notification-listener';
export { notifyTrigger, type NotifyTriggerNames } from './database/notify-trigger';
