import { Outbox } from '@backbone/events';
import { DATABASE, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { advanceWatermark, nextCursor, pageQuery, seenVersion, startOfPass, versionKey, type PageCursor } from '../domain/change-capture/capture-window';
import type { OdooRow } from '../domain/change-capture/odoo-values';
import { OdooClient } from '../odoo';
import { ChangeCaptureRepository as repository } from './change-capture.repository';
import { changeCaptureMetrics } from './change-capture.metrics';
import { timingOf, type ChangeCaptureConfig } from './change-capture.settings';
import { WITH_ARCHIVED, type CaptureStream } from './capture-streams';

export interface PassResult {
  pages: number;
  published: number;
}

/**
 * Incremental reads of one Odoo model by write_date. A pass starts at the watermark minus the
 * overlap and reads pages in `write_date, id` order; each page is one transaction that takes the
 * model's advisory lock, skips versions captured before, appends the events to the outbox,
 * remembers the versions and advances the watermark. A crash loses nothing (the page is read
 * again) and repeats nothing (its versions are remembered with its events).
 */
@Injectable()
export class ChangeCapture {
  private readonly odoo: OdooClient;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: ChangeCaptureConfig,
    private readonly outbox: Outbox,
    odoo: OdooClient,
  ) {
    // Master-data reads yield to order and stock writes when Odoo's workers are busy.
    this.odoo = odoo.lane('bulk');
  }

  /** One pass over `stream`'s model; null when another replica is capturing it. */
  async capture(stream: CaptureStream): Promise<PassResult | null> {
    const { overlapMs } = timingOf(this.config, stream.model);
    const pageSize = this.config.CHANGE_CAPTURE_PAGE_SIZE;
    const result: PassResult = { pages: 0, published: 0 };
    let cursor: PageCursor | null = null;
    let saved: Date | null = null;
    do {
      const page = await this.db.transaction(async (trx) => {
        if (!(await repository.tryLock(trx, stream.model))) return null;
        const watermark = await repository.watermark(trx, stream.model);
        cursor ??= startOfPass(watermark, overlapMs);
        const rows = await this.read(stream, cursor);
        const versions = rows.map(seenVersion);
        const unseen = await repository.unseen(trx, stream.model, versions);
        const fresh = new Set(unseen.map(versionKey));
        const changed = rows.filter((_, index) => fresh.has(versionKey(versions[index])));
        const events = changed.length ? await stream.events(changed, this.odoo, this.config) : [];
        await this.outbox.append(trx, events);
        await repository.remember(trx, stream.model, unseen);
        const advanced = advanceWatermark(watermark, versions);
        await repository.saveWatermark(trx, stream.model, advanced);
        return { rows, published: events.length, watermark: advanced };
      });
      if (!page) return null;
      result.pages += 1;
      result.published += page.published;
      changeCaptureMetrics.published.inc({ model: stream.model }, page.published);
      saved = page.watermark;
      if (saved) changeCaptureMetrics.watermark.set({ model: stream.model }, saved.getTime() / 1000);
      cursor = nextCursor(cursor!, page.rows, pageSize);
    } while (cursor);
    await this.forgetOldVersions(stream, saved, overlapMs);
    return result;
  }

  private read(stream: CaptureStream, cursor: PageCursor): Promise<OdooRow[]> {
    const { domain, order } = pageQuery(cursor, stream.filter);
    return this.odoo.searchRead<OdooRow>(stream.model, { domain, fields: stream.fields(this.config), order, limit: this.config.CHANGE_CAPTURE_PAGE_SIZE, context: WITH_ARCHIVED });
  }

  /** Versions older than the start of the next pass (from the watermark the last page saved) can never be read again. */
  private async forgetOldVersions(stream: CaptureStream, watermark: Date | null, overlapMs: number): Promise<void> {
    if (!watermark) return;
    const start = startOfPass(watermark, overlapMs);
    if (start.kind === 'from') await repository.forgetBefore(this.db, stream.model, start.from);
  }
}
