import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAvroType } from './avro-type';
import { findEvent } from './catalog';
import type { EventPayloads, StockChanged } from './generated/event-payloads.generated';

const libDir = path.resolve(__dirname, '..');

function runGenerator(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/generate.mjs', ...args], { cwd, encoding: 'utf8' });
}

describe('generated types', () => {
  it('are up to date with the .avsc files', () => {
    const result = runGenerator(libDir, '--check');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('--check fails with a clear message after an .avsc edit, and passes again once regenerated', () => {
    // Given a copy of the library whose schema gained a field
    const copy = mkdtempSync(path.join(tmpdir(), 'schemas-check-'));
    try {
      for (const dir of ['avro', 'scripts', 'src']) cpSync(path.join(libDir, dir), path.join(copy, dir), { recursive: true });
      symlinkSync(path.resolve(libDir, '../../node_modules'), path.join(copy, 'node_modules'));
      const file = path.join(copy, 'avro/orders/order-validated.avsc');
      const schema = JSON.parse(readFileSync(file, 'utf8'));
      schema.fields.push({ name: 'validatedBy', type: ['null', 'string'], default: null, doc: 'Rule set version.' });
      writeFileSync(file, JSON.stringify(schema));

      // When the check runs, then it names the stale files and the fix
      const stale = runGenerator(copy, '--check');
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain('out of date');
      expect(stale.stderr).toContain('event-payloads.generated.ts differs');
      expect(stale.stderr).toContain('npm run generate -w libs/schemas');

      // When the files are regenerated, then the check passes and the interface has the field
      execFileSync(process.execPath, ['scripts/generate.mjs'], { cwd: copy });
      expect(runGenerator(copy, '--check').status).toBe(0);
      expect(readFileSync(path.join(copy, 'src/generated/event-payloads.generated.ts'), 'utf8')).toContain('validatedBy: string | null;');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses an .avsc that references an unknown type, naming it', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'schemas-bad-'));
    try {
      for (const dir of ['avro', 'scripts', 'src']) cpSync(path.join(libDir, dir), path.join(copy, dir), { recursive: true });
      symlinkSync(path.resolve(libDir, '../../node_modules'), path.join(copy, 'node_modules'));
      const file = path.join(copy, 'avro/orders/order-on-hold.avsc');
      writeFileSync(file, readFileSync(file, 'utf8').replace('backbone.common.Reason', 'backbone.common.Cause'));

      const result = runGenerator(copy, '--check');

      expect(result.status).toBe(1);
      expect(result.stderr).toContain('unknown type "backbone.common.Cause"');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('match what avsc decodes: Date timestamps, T | null optionals, enum literals', () => {
    // Given payloads typed by the generated interfaces (tsc checks these shapes)
    const order: EventPayloads['backbone.orders.OrderReceived'] = {
      orderId: '0193a5b2-7c4e-7000-8000-000000000001',
      channel: 'webshop',
      externalOrderId: 'WS-1001',
      customer: { customerId: 'c-42', channelCustomerId: null, name: 'Acme GmbH', email: 'buyer@example.com' },
      billTo: { name: 'Acme GmbH', street: 'Hauptstr. 1', street2: null, city: 'Berlin', postalCode: '10115', region: null, countryCode: 'DE', phone: null, email: null },
      shipTo: { name: 'Acme Lager', street: 'Lagerweg 5', street2: 'Tor 3', city: 'Potsdam', postalCode: '14467', region: null, countryCode: 'DE', phone: null, email: null },
      lines: [{ lineId: '1', sku: 'SKU-1', quantity: { value: '2.5', uom: 'kg' }, unitPrice: { amount: '19.90', currency: 'EUR' } }],
      requestedDate: '2026-12-01',
      notes: null,
      placedAt: new Date('2026-11-23T08:00:00.000Z'),
    };
    const stock: StockChanged = {
      sku: 'SKU-1',
      locationId: 'WH/Stock',
      quantityType: 'ON_HAND',
      changeKind: 'DELTA',
      quantity: { value: '-2.5', uom: 'kg' },
      cause: { eventId: null, sourceSystem: 'wms', reasonCode: 'STOCK.SHIPMENT' },
      occurredAt: new Date('2026-11-23T09:00:00.000Z'),
    };
    // @ts-expect-error quantityType is a closed set of symbols
    const wrongSymbol: StockChanged['quantityType'] = 'ON_ORDER';

    // When they go through the catalog schemas
    const orderType = createAvroType(findEvent('backbone.orders.OrderReceived').schema);
    const stockType = createAvroType(findEvent('backbone.inventory.StockChanged').schema);

    // Then they are valid and decode to the same values and types
    expect(orderType.fromBuffer(orderType.toBuffer(order))).toEqual(order);
    expect(stockType.fromBuffer(stockType.toBuffer(stock))).toEqual(stock);
    expect(stockType.isValid({ ...stock, quantityType: wrongSymbol })).toBe(false);
  });
});
