import { createKafka, type KafkaConnection } from '../kafka/kafka-config';

/**
 * Resolves when a broker describes the cluster within `timeoutMs`. One attempt, no retries: a
 * readiness probe asks again on its own schedule.
 */
export async function checkKafka(connection: KafkaConnection, timeoutMs: number): Promise<void> {
  const admin = createKafka({ ...connection, connectionTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs }, 0).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
