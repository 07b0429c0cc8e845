import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { EventProducer } from '../kafka/event-producer';
import { eventMetrics } from '../metrics';
import { OUTBOX_CHANNEL, OUTBOX_TABLE } from '../migrations/event-tables';
import type { StringHeaders } from '../envelope/headers';

export interface OutboxRelayOptions {
  /** The service database; the relay holds one dedicated connection for its lock and LISTEN. */
  connectionString: string;
  batchSize?: number;
  /** Fallback poll when no notification arrives (a notification wakes the relay at once). */
  pollIntervalMs?: number;
  /** How often a standby replica tries to become the relay. */
  standbyRetryMs?: number;
  /** Advisory lock id; one relay per database holds it. */
  lockId?: number;
}

interface OutboxRecord {
  id: string;
  topic: string;
  partition_key: string;
  value: Buffer;
  headers: StringHeaders;
}

/**
 * Publishes outbox rows in id order with the idempotent producer, then deletes them. Several
 * replicas may run: a PostgreSQL advisory lock makes exactly one the active relay, which keeps
 * per-key order (a row is only published after every row before it). A crash before the delete
 * republishes the rows; consumers' inboxes drop the duplicates.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly lockId: number;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Set by a notification that arrives while a batch is being published. */
  private notified = false;
  private leader = false;

  constructor(
    private readonly producer: EventProducer,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.standbyRetryMs = options.standbyRetryMs ?? 2000;
    this.lockId = options.lockId ?? 0x0b0c5;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in flight, releases the lock and closes the connection. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const client = new Client({ connectionString: this.options.connectionString, application_name: 'outbox-relay' });
      client.on('error', (error) => this.logger.warn(`relay connection error: ${error.message}`));
      try {
        await client.connect();
        client.on('notification', () => {
          this.notified = true;
          this.wake?.();
        });
        await client.query(`listen ${OUTBOX_CHANNEL}`);
        // Its deletes need not wait for the WAL flush: a delete lost in a crash only republishes rows, which inboxes drop.
        await client.query('set synchronous_commit = off');
        if (await this.becomeLeader(client)) {
          failures = 0;
          await this.publishWhileLeader(client);
        }
      } catch (error) {
        failures += 1;
        this.logger.error(`outbox relay failed (attempt ${failures}): ${(error as Error).message}`);
        await this.sleep(Math.min(200 * 2 ** failures, 10_000));
      } finally {
        this.setLeader(false);
        await client.end().catch(() => undefined);
      }
    }
  }

  private async becomeLeader(client: Client): Promise<boolean> {
    while (this.running) {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [this.lockId]);
      if (rows[0].locked) {
        this.setLeader(true);
        return true;
      }
      await this.sleep(this.standbyRetryMs);
    }
    return false;
  }

  private async publishWhileLeader(client: Client): Promise<void> {
    while (this.running) {
      const published = await this.publishBatch(client);
      if (published < this.batchSize) await this.sleep(this.pollIntervalMs);
    }
  }

  private async publishBatch(client: Client): Promise<number> {
    this.notified = false;
    const { rows } = await client.query<OutboxRecord>(
      `select id, topic, partition_key, value, headers from ${OUTBOX_TABLE} order by id limit $1`,
      [this.batchSize],
    );
    await this.recordBacklog(client, rows.length);
    if (rows.length === 0) return 0;
    await this.producer.send(rows.map((row) => ({ topic: row.topic, key: row.partition_key, value: row.value, headers: row.headers })));
    await client.query(`delete from ${OUTBOX_TABLE} where id = any($1::bigint[])`, [rows.map((row) => row.id)]);
    for (const row of rows) eventMetrics.outboxPublished.inc({ topic: row.topic });
    return rows.length;
  }

  /** A full batch means more is waiting: estimate the backlog from the id range (two index lookups). */
  private async recordBacklog(client: Client, fetched: number): Promise<void> {
    if (fetched < this.batchSize) {
      eventMetrics.outboxBacklog.set(fetched);
      return;
    }
    const { rows } = await client.query<{ span: string }>(`select coalesce(max(id) - min(id) + 1, 0) as span from ${OUTBOX_TABLE}`);
    eventMetrics.outboxBacklog.set(Number(rows[0].span));
  }

  private setLeader(leader: boolean): void {
    this.leader = leader;
    eventMetrics.relayLeader.set(leader ? 1 : 0);
  }

  /** Sleeps until the timeout, a notification, or stop(). */
  private sleep(ms: number): Promise<void> {
    if (this.notified || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
