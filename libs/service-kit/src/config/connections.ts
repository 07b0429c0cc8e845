import type { KafkaConnection, SchemaRegistryConnection } from '@backbone/events';
import type { BaseConfig } from './base.config';

/** The Kafka client settings a service's configuration describes. */
export function kafkaConnection(config: BaseConfig): KafkaConnection {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  return {
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    ssl: config.KAFKA_SSL,
    // The base schema requires all three SASL settings or none.
    sasl: mechanism !== undefined && username !== undefined && password !== undefined ? { mechanism, username, password } : undefined,
  };
}

/** The schema registry a service's configuration points at. */
export function schemaRegistryConnection(config: BaseConfig): SchemaRegistryConnection {
  return { url: config.SCHEMA_REGISTRY_URL, username: config.SCHEMA_REGISTRY_USERNAME, password: config.SCHEMA_REGISTRY_PASSWORD };
}
