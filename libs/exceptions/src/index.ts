export * from './model/business-exception';
export * from './model/exception.errors';
export { assertResolvable, normalizeReason } from './model/resolution-rules';
export { EXCEPTION_CODE } from './queue/raise-validation';
export {
  ExceptionQueue,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type ExceptionQueueOptions,
  type PageRequest,
  type RaiseOutcome,
  type ResolveOutcome,
  type RetryHandler,
} from './queue/exception-queue';
export type { ExceptionFilter, ExceptionPage } from './persistence/exception.repository';
export { createExceptionTables, dropExceptionTables, EXCEPTION_AUDIT_TABLE, EXCEPTION_TABLE } from './persistence/exception-tables';
export { EXCEPTION_RAISED, EXCEPTION_RESOLVED, EXCEPTION_TOPIC, exceptionRaised, exceptionResolved } from './events/exception-events';
export { exceptionMetrics, reportOpenExceptions } from './metrics';
export { ExceptionsModule, type ExceptionsModuleOptions } from './nest/exceptions.module';
export { ExceptionsController } from './api/exceptions.controller';
export { ACTOR_HEADER, actorFromRequest, RequestActor } from './api/actor';
