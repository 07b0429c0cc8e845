import { json2, legacy, legacyResult, postJson, useSimulator } from '../spec-support/rpc-clients';

describe('injected faults', () => {
  const sim = useSimulator({ version: 19 });
  const partnersNamed = (name: string) => sim().orm.search('res.partner', [['name', '=', name]]);

  it('fails a call with a serialization failure after running it, and rolls it back', async () => {
    sim().faults.inject({ kind: 'serialization-failure', once: true });
    const body = await legacy(sim())('res.partner', 'create', [{ name: 'Conflicted' }]);
    expect(body.error).toEqual({
      code: 200,
      message: 'Odoo Server Error',
      data: expect.objectContaining({ name: 'psycopg2.errors.SerializationFailure', message: 'could not serialize access due to concurrent update' }),
    });
    expect(partnersNamed('Conflicted')).toEqual([]);
    expect(await legacyResult(legacy(sim())('res.partner', 'create', [{ name: 'Conflicted' }]))).toEqual(expect.any(Number));
  });

  it('answers a serialization failure on JSON-2 with a 500', async () => {
    sim().faults.inject({ kind: 'serialization-failure', match: { api: 'json2' }, once: true });
    const response = await json2(sim())('res.partner', 'search', { domain: [] });
    expect([response.status, (response.json as { name: string }).name]).toEqual([500, 'psycopg2.errors.SerializationFailure']);
  });

  it('limits a fault to matching calls and to `times` occurrences', async () => {
    const fault = sim().faults.inject({ kind: 'http-status', status: 503, match: { model: 'sale.order', method: 'create' }, times: 2 });
    const call = json2(sim());
    expect((await call('res.partner', 'search', { domain: [] })).status).toBe(200);
    expect((await call('sale.order', 'create', { vals_list: [] })).status).toBe(503);
    expect((await call('sale.order', 'create', { vals_list: [] })).status).toBe(503);
    expect((await call('sale.order', 'create', { vals_list: [] })).status).toBe(200);
    expect(fault.hits).toBe(2);
  });

  it('keeps a fault until cleared', async () => {
    const fault = sim().faults.inject({ kind: 'http-status', status: 502 });
    for (let i = 0; i < 3; i++) expect((await json2(sim())('res.partner', 'search', { domain: [] })).status).toBe(502);
    fault.clear();
    expect((await json2(sim())('res.partner', 'search', { domain: [] })).status).toBe(200);
    expect(sim().faults.list()).toEqual([]);
  });

  it.each([429, 502, 503, 504] as const)('answers %i like a proxy, before the call reaches Odoo', async (status) => {
    sim().faults.inject({ kind: 'http-status', status, retryAfterSeconds: status === 429 ? 2 : undefined, once: true });
    const response = await postJson(`${sim().url}/jsonrpc`, { jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: ['odoo', 2, 'admin', 'res.partner', 'create', [{ name: 'Never' }]] } });
    expect(response.status).toBe(status);
    expect(response.text).toContain(`<title>${status} `);
    expect(response.headers.get('retry-after')).toBe(status === 429 ? '2' : null);
    expect(partnersNamed('Never')).toEqual([]);
  });

  it('drops the connection of a held call after holdMs without running it', async () => {
    sim().faults.inject({ kind: 'timeout', holdMs: 50, once: true });
    const started = Date.now();
    await expect(legacy(sim())('res.partner', 'create', [{ name: 'Dropped' }])).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(partnersNamed('Dropped')).toEqual([]);
  });

  it('never answers a held call without holdMs: the client times out', async () => {
    sim().faults.inject({ kind: 'timeout', once: true });
    const request = fetch(`${sim().url}/json/2/res.partner/search`, {
      method: 'POST',
      headers: { Authorization: 'bearer simulator-admin-api-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ domain: [] }),
      signal: AbortSignal.timeout(100),
    });
    await expect(request).rejects.toThrow(/aborted|timeout/i);
  });

  it('commits before holding with afterCommit: the write happened though the client saw no answer', async () => {
    sim().faults.inject({ kind: 'timeout', holdMs: 30, afterCommit: true, once: true });
    await expect(legacy(sim())('res.partner', 'create', [{ name: 'Ambiguous' }])).rejects.toThrow();
    expect(partnersNamed('Ambiguous')).toHaveLength(1);
  });

  it('slows one call down with a delay', async () => {
    sim().faults.inject({ kind: 'delay', ms: 80, once: true });
    const started = Date.now();
    await json2(sim())('res.partner', 'search', { domain: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('closes the port during an outage (ECONNREFUSED) and reopens it after', async () => {
    await sim().outage(150);
    const refused = await fetch(`${sim().url}/json/version`).catch((error: Error & { cause?: { code?: string } }) => error.cause?.code);
    expect(refused).toBe('ECONNREFUSED');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await fetch(`${sim().url}/json/version`)).status).toBe(200);
  });

  it('stays down until restore() when the outage has no duration', async () => {
    await sim().outage();
    await expect(fetch(`${sim().url}/json/version`)).rejects.toThrow();
    await sim().restore();
    expect((await fetch(`${sim().url}/json/version`)).status).toBe(200);
  });
});
