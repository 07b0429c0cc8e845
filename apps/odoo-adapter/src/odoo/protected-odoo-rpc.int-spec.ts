import { startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { register } from 'prom-client';
import { odooSettingsFor } from '../testing/odoo-settings';
import { createOdooClient, type OdooSettings } from './create-odoo-client';
import { failureOf } from '../testing/odoo-failure';
import { OdooErrorCode } from './odoo-error';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  { version: 16 as const, api: 'jsonrpc' as const },
  { version: 19 as const, api: 'json2' as const },
])('Protected Odoo calls on Odoo $version over $api', ({ version, api }) => {
  let odoo: OdooSimulator;
  const clientFor = (overrides: Partial<OdooSettings> = {}) => createOdooClient(odooSettingsFor(odoo, api, overrides));

  beforeAll(async () => {
    odoo = await startOdooSimulator({ version });
  });
  beforeEach(() => odoo.reset());
  afterAll(() => odoo.stop());

  const partnersNamed = (name: string) => odoo.orm.search('res.partner', [['name', '=', name]]).length;

  it('retries a serialization failure (rolled back by Odoo) and writes once', async () => {
    odoo.faults.inject({ kind: 'serialization-failure', match: { model: 'res.partner', method: 'create' }, once: true });
    const { client } = clientFor();

    await client.create('res.partner', [{ name: 'Serialized' }]);

    expect(odoo.stats.count({ model: 'res.partner', method: 'create' })).toBe(2);
    expect(partnersNamed('Serialized')).toBe(1);
  });

  it('gives up on a persistent serialization failure with ERP.CONCURRENCY after the configured tries', async () => {
    odoo.faults.inject({ kind: 'serialization-failure', match: { model: 'res.partner', method: 'create' } });
    const error = await failureOf(clientFor({ ODOO_RETRY_ATTEMPTS: 3 }).client.create('res.partner', [{ name: 'Never' }]));

    expect(error).toMatchObject({ code: OdooErrorCode.concurrency, retriable: true });
    expect(odoo.stats.count({ model: 'res.partner', method: 'create' })).toBe(3);
    expect(partnersNamed('Never')).toBe(0);
  });

  it('waits as long as a 429 Retry-After asks before trying again', async () => {
    odoo.faults.inject({ kind: 'http-status', status: 429, retryAfterSeconds: 1, once: true });
    const started = Date.now();

    expect(await clientFor().client.searchCount('res.partner', [])).toBeGreaterThan(0);

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('reports ERP.RATE_LIMITED with the server-requested delay when 429s persist', async () => {
    odoo.faults.inject({ kind: 'http-status', status: 429, retryAfterSeconds: 0 });
    const error = await failureOf(clientFor().client.searchCount('res.partner', []));
    expect(error).toMatchObject({ code: OdooErrorCode.rateLimited, retriable: true, odoo: { httpStatus: 429, retryAfterMs: 0 } });
  });

  it('retries 5xx pages from a proxy, then succeeds', async () => {
    odoo.faults.inject({ kind: 'http-status', status: 503, times: 2 });
    const { client } = clientFor();

    await client.create('res.partner', [{ name: 'After 503' }]);

    expect(partnersNamed('After 503')).toBe(1);
  });

  it('reports ERP.UNAVAILABLE when 5xx persist', async () => {
    odoo.faults.inject({ kind: 'http-status', status: 502 });
    const error = await failureOf(clientFor({ ODOO_BREAKER_THRESHOLD: 100 }).client.searchCount('res.partner', []));
    expect(error).toMatchObject({ code: OdooErrorCode.unavailable, retriable: true, odoo: { httpStatus: 502 } });
  });

  it('ends an unanswered call with ERP.TIMEOUT at the deadline and retries it when it only reads', async () => {
    odoo.faults.inject({ kind: 'timeout', match: { method: 'search_count' }, once: true });

    expect(await clientFor({ ODOO_TIMEOUT_MS: 300 }).client.searchCount('res.partner', [])).toBeGreaterThan(0);

    expect(odoo.stats.count({ method: 'search_count' })).toBe(2);
  });

  it('retries a read whose connection was cut', async () => {
    odoo.faults.inject({ kind: 'timeout', holdMs: 100, match: { method: 'search_count' }, once: true });
    expect(await clientFor().client.searchCount('res.partner', [])).toBeGreaterThan(0);
    expect(odoo.stats.count({ method: 'search_count' })).toBe(2);
  });

  it('never blindly retries a write whose outcome is unknown (committed, then no answer)', async () => {
    odoo.faults.inject({ kind: 'timeout', afterCommit: true, match: { model: 'res.partner', method: 'create' }, once: true });

    const error = await failureOf(clientFor({ ODOO_TIMEOUT_MS: 300 }).client.create('res.partner', [{ name: 'Ambiguous' }]));

    expect(error).toMatchObject({ code: OdooErrorCode.timeout, retriable: true, odoo: { mayHaveCommitted: true } });
    expect(odoo.stats.count({ model: 'res.partner', method: 'create' })).toBe(1);
    expect(partnersNamed('Ambiguous')).toBe(1);
  });

  it('opens the breaker during an outage (failing fast), and closes it once Odoo answers again', async () => {
    const { client, rpc } = clientFor({ ODOO_RETRY_ATTEMPTS: 1, ODOO_BREAKER_THRESHOLD: 3, ODOO_BREAKER_HALF_OPEN_MS: 300 });
    await odoo.outage();
    for (let call = 0; call < 3; call += 1) {
      expect(await failureOf(client.searchCount('res.partner', []))).toMatchObject({ code: OdooErrorCode.unavailable, odoo: { mayHaveCommitted: false } });
    }
    expect(rpc.breakerState).toBe('open');

    const refused = await failureOf(client.searchCount('res.partner', []));
    expect(refused).toMatchObject({ code: OdooErrorCode.unavailable, retriable: true, odoo: { circuitOpen: true } });

    await odoo.restore();
    await sleep(350);
    expect(await client.searchCount('res.partner', [])).toBeGreaterThan(0);
    expect(rpc.breakerState).toBe('closed');
  });

  it('keeps at most ODOO_WORKERS calls in flight', async () => {
    const slow = await startOdooSimulator({ version, latencyMs: 30, workers: 8 });
    try {
      const { client } = createOdooClient(odooSettingsFor(slow, api, { ODOO_WORKERS: 2 }));
      await Promise.all(Array.from({ length: 10 }, () => client.searchCount('res.partner', [])));
      expect(slow.stats.maxConcurrent).toBe(2);
    } finally {
      await slow.stop();
    }
  });

  it('runs the writes lane before queued bulk reads', async () => {
    const slow = await startOdooSimulator({ version, latencyMs: 40, workers: 1 });
    try {
      const { client } = createOdooClient(odooSettingsFor(slow, api, { ODOO_WORKERS: 1 }));
      const finished: string[] = [];
      const bulk = Array.from({ length: 4 }, (_, index) =>
        client
          .lane('bulk')
          .searchCount('res.partner', [])
          .then(() => finished.push(`bulk-${index}`)),
      );
      const write = client
        .lane('writes')
        .create('res.partner', [{ name: 'Urgent' }])
        .then(() => finished.push('write'));
      await Promise.all([...bulk, write]);
      expect(finished.indexOf('write')).toBeLessThanOrEqual(1);
    } finally {
      await slow.stop();
    }
  });

  it('spaces call starts to ODOO_MAX_CALLS_PER_SECOND', async () => {
    const { client } = clientFor({ ODOO_MAX_CALLS_PER_SECOND: 20 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => client.searchCount('res.partner', [])));
    expect(Date.now() - started).toBeGreaterThanOrEqual(9 * 50 - 5);
  });

  it('records each try in the latency histogram by model, method and outcome', async () => {
    odoo.faults.inject({ kind: 'serialization-failure', match: { model: 'res.partner', method: 'write' }, once: true });
    const { client } = clientFor();
    const [id] = await client.create('res.partner', [{ name: 'Measured' }]);
    await client.write('res.partner', [id!], { ref: 'M' });

    const histogram = await register.getSingleMetric('odoo_rpc_duration_seconds')!.get();
    const counts = histogram.values.filter((value) => (value as { metricName?: string }).metricName === 'odoo_rpc_duration_seconds_count' && value.labels.method === 'write');
    expect(counts.map((value) => value.labels.outcome)).toEqual(expect.arrayContaining(['ok', OdooErrorCode.concurrency]));
  });
});
