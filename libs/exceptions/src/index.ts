export * from './model/business-exception';
export * from './model/exception.errors';
export { assertResolvable, normalizeReason } from './model/resolution-rules';
