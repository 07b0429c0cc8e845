import { Counter, Histogram } from 'prom-client';

// In prom-client's default registry, which service-kit serves on /metrics (as libs/events does).
export const notificationMetrics = {
  deliveries: new Counter({
    name: 'channel_notifications_deliveries_total',
    help: 'Channel notification deliveries settled, by outcome (delivered, failed, retry scheduled)',
    labelNames: ['outcome'],
  }),
  attemptDuration: new Histogram({
    name: 'channel_notifications_attempt_duration_seconds',
    help: 'Duration of one HTTP attempt to a channel, by result (2xx, 3xx, 4xx, 5xx, network)',
    labelNames: ['result'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
};
