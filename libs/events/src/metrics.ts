import { Counter, Gauge, Histogram } from 'prom-client';

// Registered once per process in prom-client's default registry, which service-kit serves on /metrics.
export const eventMetrics = {
  outboxPublished: new Counter({ name: 'events_outbox_published_total', help: 'Outbox rows published to Kafka', labelNames: ['topic'] }),
  outboxBacklog: new Gauge({ name: 'events_outbox_backlog', help: 'Outbox rows waiting at the last relay pass (estimated from the id range when above one batch)' }),
  relayLeader: new Gauge({ name: 'events_outbox_relay_leader', help: '1 while this replica holds the relay lock' }),
  consumed: new Counter({ name: 'events_consumed_total', help: 'Records handled, by outcome', labelNames: ['topic', 'group', 'outcome'] }),
  consumerLag: new Gauge({ name: 'events_consumer_lag', help: 'Records behind the partition end at the last fetched batch', labelNames: ['topic', 'partition', 'group'] }),
  inboxPurged: new Counter({ name: 'events_inbox_purged_total', help: 'Inbox rows forgotten after the retention period' }),
  retries: new Counter({ name: 'events_handler_retries_total', help: 'Handler retries after a transient failure', labelNames: ['topic', 'group'] }),
  deadLettered: new Counter({ name: 'events_dead_lettered_total', help: 'Records sent to a dead-letter topic', labelNames: ['topic', 'group', 'code'] }),
  batchDuration: new Histogram({
    name: 'events_batch_duration_seconds',
    help: 'Time to process one fetched batch, transaction included',
    labelNames: ['topic', 'group'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
};
