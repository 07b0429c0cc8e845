import { Counter, Gauge } from 'prom-client';

// In prom-client's default registry, which service-kit serves on /metrics.
export const changeCaptureMetrics = {
  published: new Counter({ name: 'odoo_change_capture_events_total', help: 'Master-data events appended to the outbox by change capture, by polled Odoo model', labelNames: ['model'] }),
  watermark: new Gauge({ name: 'odoo_change_capture_watermark_seconds', help: 'Latest Odoo write_date captured per model (Unix time); its distance to now is the capture lag', labelNames: ['model'] }),
  failures: new Counter({ name: 'odoo_change_capture_failures_total', help: 'Change-capture passes that failed (retried at the next interval), by model and error code', labelNames: ['model', 'code'] }),
};
