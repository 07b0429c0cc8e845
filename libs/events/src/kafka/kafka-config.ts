import { Kafka, logLevel, type KafkaConfig as KafkaJsConfig, type SASLOptions } from 'kafkajs';
import { kafkaLogCreator } from './kafka-logger';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Connection and request timeouts; short values make readiness checks fail fast. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** The one place a kafkajs client is built, so a compatible client can replace it later. */
export function createKafka(connection: KafkaConnection, retries = 8): Kafka {
  const config: KafkaJsConfig = {
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl,
    sasl: connection.sasl as SASLOptions | undefined,
    connectionTimeout: connection.connectionTimeoutMs ?? 3000,
    requestTimeout: connection.requestTimeoutMs ?? 30000,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
    retry: { retries, initialRetryTime: 100, maxRetryTime: 5000 },
  };
  return new Kafka(config);
}
