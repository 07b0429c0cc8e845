import { Counter, Gauge, Histogram } from 'prom-client';

// Registered once per process in prom-client's default registry, which service-kit serves on /metrics.
export const odooMetrics = {
  rpcDuration: new Histogram({
    name: 'odoo_rpc_duration_seconds',
    help: 'Odoo call duration per model, method and outcome (ok or the ERP error code), each try counted',
    labelNames: ['model', 'method', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  retries: new Counter({
    name: 'odoo_rpc_retries_total',
    help: 'Odoo calls tried again after a transient error, per error code',
    labelNames: ['code'] as const,
  }),
  breakerState: new Gauge({
    name: 'odoo_circuit_breaker_state',
    help: 'State of the circuit breaker in front of Odoo: 0 closed, 1 open, 2 half-open',
  }),
  queueDepth: new Gauge({
    name: 'odoo_queue_depth',
    help: 'Odoo calls waiting for a worker slot or the rate limit, per lane',
    labelNames: ['lane'] as const,
  }),
  inFlight: new Gauge({
    name: 'odoo_calls_in_flight',
    help: 'Odoo calls running now (bounded by ODOO_WORKERS)',
  }),
};
