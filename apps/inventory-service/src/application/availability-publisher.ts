import { Outbox } from '@backbone/events';
import { DATABASE, SERVICE_CONFIG, WakeablePasses } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Knex } from 'knex';
import { channelAvailable, compareQuantities, reorderPointOf, type InventoryEvent } from '../domain';
import type { InventoryServiceConfig } from '../config/inventory-service.config';
import { AvailabilityRepository, type PendingAvailability } from '../persistence/availability.repository';
import { AVAILABILITY_CHANNEL } from '../persistence/migrations/20261123170000_notify-availability-pending';
import { StockQueries } from '../persistence/stock-queries';
import { toOutgoing } from './outgoing-events';

const BATCH = 500;
/** A notification wakes the publisher when marks arrive; this poll is the fallback. */
const IDLE_POLL_MS = 1000;
/**
 * Passes start at most this often. A quiet publisher still answers a notification at once; under
 * a stream of changes, marks gather for a moment instead of a pass (and an outbox relay cycle)
 * running per committed change, which costs more CPU than the wait costs latency.
 */
const MIN_PASS_GAP_MS = 20;

/**
 * Publishes channel availability: it claims the (channel, sku) pairs stock changes marked, computes
 * what the channel may sell now, and appends AvailabilityChanged (and ReorderPointReached on a
 * downward crossing) when the figure differs from the last one published. A pair is published
 * at once when it has been quiet for AVAILABILITY_INTERVAL_MS, else when its interval has passed,
 * so a burst yields at most one event per pair and interval, ending on the latest value.
 * Replicas share the work: claims skip pairs another replica holds.
 */
@Injectable()
export class AvailabilityPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly passes: WakeablePasses;
  private lastPassAt = 0;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryServiceConfig,
    private readonly outbox: Outbox,
  ) {
    // Woken by every marking statement; pairs still inside their interval stay pending, so when
    // idle it looks again as soon as the earliest may be due.
    this.passes = new WakeablePasses({
      connectionString: config.DATABASE_URL,
      channel: AVAILABILITY_CHANNEL,
      applicationName: 'availability-publisher',
      name: 'availability',
      logger: new Logger(AvailabilityPublisher.name),
      pass: async () => {
        this.lastPassAt = Date.now();
        return (await this.publishPending()) === BATCH;
      },
      delayAfter: (again) => (again ? this.gapLeft() : Math.min(IDLE_POLL_MS, Math.max(config.AVAILABILITY_INTERVAL_MS, 10))),
      wakeDelay: () => this.gapLeft(),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.passes.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  private gapLeft(): number {
    return Math.max(0, this.lastPassAt + MIN_PASS_GAP_MS - Date.now());
  }

  /** One pass; returns how many pairs it looked at. */
  async publishPending(): Promise<number> {
    return this.db.transaction(async (trx) => {
      // No wait for the WAL flush: a pass lost in a crash loses its claims too, so its pairs are
      // still pending and published again (a repeated figure is harmless to consumers).
      await trx.raw('set local synchronous_commit = off');
      const claimed = await AvailabilityRepository.claimPending(trx, BATCH, this.config.AVAILABILITY_INTERVAL_MS);
      const byChannel = Map.groupBy(claimed, (row) => row.channel);
      for (const [channel, rows] of byChannel) await this.publishChannel(trx, channel, rows);
      return claimed.length;
    });
  }

  private async publishChannel(trx: Knex.Transaction, channel: string, rows: readonly PendingAvailability[]): Promise<void> {
    const config = await StockQueries.channel(trx, channel);
    if (!config) return;
    const skus = rows.map((row) => row.sku);
    const [positions, published] = await Promise.all([StockQueries.positionsOf(trx, skus, config.locationIds), AvailabilityRepository.lastPublished(trx, channel, skus)]);
    const asOf = new Date();
    const events: InventoryEvent[] = [];
    const figures: { sku: string; available: string }[] = [];
    for (const sku of skus) {
      const available = channelAvailable(config, sku, positions);
      const last = published.get(sku);
      if (!last) continue; // the product is no longer known: nothing to publish for it
      const { uom, available: before } = last;
      if (before !== undefined && compareQuantities(before, available) === 0) continue;
      events.push({ type: 'backbone.inventory.AvailabilityChanged', payload: { channel, sku, available: { value: available, uom }, asOf } });
      const reorderPoint = reorderPointOf(config, sku);
      if (reorderPoint !== null && compareQuantities(available, reorderPoint) < 0 && (before === undefined || compareQuantities(before, reorderPoint) >= 0)) {
        events.push({ type: 'backbone.inventory.ReorderPointReached', payload: { channel, sku, available: { value: available, uom }, reorderPoint: { value: reorderPoint, uom }, asOf } });
      }
      figures.push({ sku, available });
    }
    await AvailabilityRepository.savePublished(trx, channel, figures, asOf);
    await this.outbox.append(trx, events.map(toOutgoing));
  }
}
