export * from './kafka.health';
export * from './schema-registry.health';
