import { OnEvent, type EventContext } from '@backbone/events';
import { SERVICE_CONFIG } from '@backbone/service-kit';
import type { StockChanged } from '@backbone/schemas';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { StockCountPayload } from '../application/sync-stock-counts';
import type { OdooAdapterConfig } from '../config/odoo-adapter.config';
import { stockSubject } from '../domain/erp-writes/stock-count';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { enqueueSyncJob } from './enqueue-sync-job';

/** Queues an inventory count in Odoo for on-hand changes at the locations Odoo mirrors; ignores the rest. */
@Controller()
export class OnStockChanged {
  private readonly mirrored: ReadonlySet<string>;

  constructor(
    private readonly jobs: SyncJobsRepository,
    @Inject(SERVICE_CONFIG) config: OdooAdapterConfig,
  ) {
    this.mirrored = new Set(config.ODOO_STOCK_MIRROR_LOCATIONS);
  }

  @OnEvent('backbone.inventory.StockChanged')
  handle(@Payload() event: StockChanged, @Ctx() ctx: EventContext): void {
    if (event.quantityType !== 'ON_HAND' || !this.mirrored.has(event.locationId)) return;
    const payload: StockCountPayload = { sku: event.sku, locationId: event.locationId, kind: event.changeKind, quantity: Number(event.quantity.value) };
    enqueueSyncJob(this.jobs, ctx, 'stock-count', stockSubject(event.sku, event.locationId), payload);
  }
}
