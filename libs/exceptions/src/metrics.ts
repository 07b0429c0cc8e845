import type { Knex } from 'knex';
import { Counter, Gauge } from 'prom-client';
import { exceptionRepository } from './persistence/exception.repository';

type OpenCounts = () => Promise<{ service: string; code: string; open: number }[]>;
const openSources = new Set<OpenCounts>();

// Registered once per process in prom-client's default registry, which service-kit serves on /metrics.
export const exceptionMetrics = {
  /**
   * Counted in the database at each scrape, so it is exact whatever replica raised or resolved
   * and whatever transactions rolled back. Every replica reports the same numbers: aggregate
   * with max, not sum.
   */
  open: new Gauge({
    name: 'business_exceptions_open',
    help: 'Open business exceptions in the exception queue, by owning service and code',
    labelNames: ['service', 'code'],
    async collect() {
      let counts: Awaited<ReturnType<OpenCounts>>;
      try {
        counts = (await Promise.all([...openSources].map((source) => source()))).flat();
      } catch {
        return; // database unreachable: keep the last known values (readiness reports the database)
      }
      this.reset();
      for (const { service, code, open } of counts) this.set({ service, code }, open);
    },
  }),
  raised: new Counter({ name: 'business_exceptions_raised_total', help: 'Business exceptions opened (recurrences of an open one not included)', labelNames: ['service', 'code'] }),
  resolved: new Counter({ name: 'business_exceptions_resolved_total', help: 'Business exceptions resolved, by resolution', labelNames: ['service', 'code', 'resolution'] }),
};

/** Makes the open gauge count the exceptions in `db` at each scrape; returns the function that stops it. */
export function reportOpenExceptions(db: Knex): () => void {
  const source: OpenCounts = () => exceptionRepository.openCounts(db);
  openSources.add(source);
  return () => openSources.delete(source);
}
