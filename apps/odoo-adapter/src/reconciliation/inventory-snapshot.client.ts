import { SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { BackbonePosition } from '../domain/reconciliation/stock-drift';
import { InventoryUnavailableError } from './reconciliation.errors';
import type { ReconciliationConfig } from './reconciliation.settings';

const TIMEOUT_MS = 60_000;
const quantity = z.union([z.string(), z.number()]).transform(String);
const snapshot = z.object({ asOf: z.string(), items: z.array(z.object({ sku: z.string(), locationId: z.string(), onHand: quantity }).loose()) });

/** The inventory-service's stock at one consistent point in time (GET /stock-snapshot, role ops). */
@Injectable()
export class InventorySnapshotClient {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ReconciliationConfig) {}

  async positions(): Promise<BackbonePosition[]> {
    const { INVENTORY_URL: url, INVENTORY_API_KEY: apiKey } = this.config;
    if (!url) throw new InventoryUnavailableError('INVENTORY_URL is not configured');
    let response: Response;
    try {
      response = await fetch(`${url}/stock-snapshot`, { headers: apiKey ? { 'X-API-Key': apiKey } : {}, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new InventoryUnavailableError(`GET ${url}/stock-snapshot failed: ${(error as Error).message}`);
    }
    if (!response.ok) throw new InventoryUnavailableError(`GET ${url}/stock-snapshot answered ${response.status}`);
    const parsed = snapshot.safeParse(await response.json());
    if (!parsed.success) throw new InventoryUnavailableError(`GET ${url}/stock-snapshot answered an unexpected body: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
    return parsed.data.items.map(({ sku, locationId, onHand }) => ({ sku, locationId, onHand }));
  }
}
