import { Counter, Gauge } from 'prom-client';

// In prom-client's default registry, which service-kit serves on /metrics.
export const reconciliationMetrics = {
  drift: new Gauge({ name: 'erp_reconciliation_drift', help: 'Subjects that disagreed between Odoo and the backbone in the latest run, by kind and backbone location (warehouse; "all" for order states)', labelNames: ['kind', 'location'] }),
  runs: new Counter({ name: 'erp_reconciliation_runs_total', help: 'Reconciliation runs finished, by kind and outcome (COMPLETED or FAILED)', labelNames: ['kind', 'outcome'] }),
};
