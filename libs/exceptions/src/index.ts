export * from './model/business-exception';
export * from './model/exception.errors';
export { assertResolvable, normalizeReason } from './model/resolution-rules';
export { EXCEPTION_RAISED, EXCEPTION_RESOLVED, EXCEPTION_TOPIC, exceptionRaised, exceptionResolved } from './events/exception-events';
