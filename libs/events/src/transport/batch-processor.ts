import type { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import type { Knex } from 'knex';
import type { AvroCodec } from '../codec/avro-codec';
import { EventHeader, headersToStrings, type StringHeaders } from '../envelope/headers';
import { errorCode, PoisonMessageError } from '../errors';
import { Inbox } from '../inbox/inbox';
import { eventMetrics } from '../metrics';
import { withConsumeSpan } from '../tracing/trace-context';
import type { DeadLetters } from '../dead-letters/dead-letters';
import { BatchScope } from './batch-scope';
import { EventContext } from './event-context';
import { RetriesExhausted, withRetries, type RetryPolicy } from './retry-policy';

export type EventHandlerFn = (payload: unknown, context: EventContext) => Promise<void>;

export interface BatchHooks {
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
}

interface Decoded {
  message: KafkaMessage;
  headers: StringHeaders;
  eventId: string;
  eventType: string;
  payload: unknown;
  handler?: EventHandlerFn;
}

type Item = Decoded | { message: KafkaMessage; headers: StringHeaders; poison: unknown };

/**
 * PostgreSQL's deadlock and serialization failures: the transaction lost a race with another one
 * (e.g. a concurrent batch locking the same rows in another order) and says nothing about the
 * records, so the batch is tried again as a whole before falling back to record by record.
 */
const LOCK_CONFLICTS = new Set(['40P01', '40001']);
const CONFLICT_RETRY: RetryPolicy = { attempts: 3, initialDelayMs: 25, maxDelayMs: 100 };

/**
 * Applies one fetched batch of a partition: decodes every record (poison goes to the dead-letter
 * topic), then runs the handlers of all records in ONE database transaction with the inbox claim.
 * If that transaction fails, it falls back to one transaction per record with bounded retries,
 * so one bad record is dead-lettered while the rest of the partition keeps flowing.
 * An offset is resolved only after its record's transaction committed.
 */
export class BatchProcessor {
  constructor(
    private readonly deps: {
      db: Knex;
      codec: AvroCodec;
      deadLetters: DeadLetters;
      consumerGroup: string;
      retry: RetryPolicy;
      handlerFor: (eventType: string) => EventHandlerFn | undefined;
      logger: Logger;
    },
  ) {}

  async process(topic: string, partition: number, messages: KafkaMessage[], hooks: BatchHooks): Promise<void> {
    if (messages.length === 0) return;
    const items: Item[] = [];
    for (const message of messages) items.push(await this.decode(message, hooks));
    const timer = eventMetrics.batchDuration.startTimer({ topic, group: this.deps.consumerGroup });
    try {
      await this.applyAllRetryingConflicts(topic, partition, items, hooks);
      await this.deadLetterPoison(topic, partition, items);
      hooks.resolveOffset(messages[messages.length - 1].offset);
    } catch (error) {
      this.deps.logger.warn(`batch of ${items.length} on ${topic}[${partition}] failed (${errorCode(error)}); applying record by record`);
      for (const item of items) {
        await this.applyOne(topic, partition, item, hooks);
        hooks.resolveOffset(item.message.offset);
        await hooks.heartbeat();
      }
    } finally {
      timer();
    }
  }

  private async decode(message: KafkaMessage, hooks: BatchHooks): Promise<Item> {
    const headers = headersToStrings(message.headers);
    const eventId = headers[EventHeader.eventId];
    const eventType = headers[EventHeader.eventType];
    if (!eventId || !eventType) {
      return { message, headers, poison: new PoisonMessageError('EVENTS.MISSING_HEADERS', 'record has no event-id or event-type header') };
    }
    const handler = this.deps.handlerFor(eventType);
    // Another consumer's event on a shared topic: not decoded, not claimed, nothing to do here.
    if (!handler) return { message, headers, eventId, eventType, payload: undefined, handler };
    const decoded = (payload: unknown): Decoded => ({ message, headers, eventId, eventType, payload, handler });
    try {
      return decoded((await this.deps.codec.decode(message.value)).payload);
    } catch (error) {
      if (error instanceof PoisonMessageError) return { message, headers, poison: error };
    }
    try {
      // Registry outages are retried here; exhausting them fails the batch (the consumer restarts), never dead-letters.
      return decoded((await withRetries(this.deps.retry, () => this.deps.codec.decode(message.value), () => hooks.heartbeat())).payload);
    } catch (error) {
      const cause = error instanceof RetriesExhausted ? error.lastError : error;
      if (cause instanceof PoisonMessageError) return { message, headers, poison: cause };
      throw cause;
    }
  }

  /** A batch that lost a deadlock or a serialization conflict is tried again as a whole (jittered, so the two sides do not collide again). */
  private async applyAllRetryingConflicts(topic: string, partition: number, items: Item[], hooks: BatchHooks): Promise<void> {
    try {
      await withRetries(
        CONFLICT_RETRY,
        () => this.applyAll(topic, partition, items),
        async () => {
          eventMetrics.retries.inc({ topic, group: this.deps.consumerGroup });
          await hooks.heartbeat();
        },
        (error) => LOCK_CONFLICTS.has((error as { code?: string })?.code ?? ''),
      );
    } catch (error) {
      throw error instanceof RetriesExhausted ? error.lastError : error;
    }
  }

  private async applyAll(topic: string, partition: number, items: Item[]): Promise<void> {
    const handled = items.filter((item): item is Decoded => 'eventId' in item && item.handler !== undefined);
    if (handled.length === 0) return;
    let duplicates = 0;
    await this.deps.db.transaction(async (trx) => {
      const claimed = await Inbox.claim(trx, this.deps.consumerGroup, handled.map((item) => item.eventId));
      const scope = new BatchScope();
      for (const item of handled) {
        // A duplicate id later in the same batch finds its claim already taken.
        if (!claimed.delete(item.eventId)) {
          duplicates++;
          continue;
        }
        await this.dispatch(trx, topic, partition, item, scope);
      }
      await scope.flush();
    });
    eventMetrics.consumed.inc({ topic, group: this.deps.consumerGroup, outcome: 'duplicate' }, duplicates);
    eventMetrics.consumed.inc({ topic, group: this.deps.consumerGroup, outcome: 'applied' }, handled.length - duplicates);
  }

  private async applyOne(topic: string, partition: number, item: Item, hooks: BatchHooks): Promise<void> {
    if ('poison' in item) {
      await this.deadLetter(topic, partition, item, item.poison, 1);
      return;
    }
    if (!item.handler) return;
    try {
      await withRetries(
        this.deps.retry,
        () =>
          this.deps.db.transaction(async (trx) => {
            const claimed = await Inbox.claim(trx, this.deps.consumerGroup, [item.eventId]);
            if (claimed.size === 0) return;
            const scope = new BatchScope();
            await this.dispatch(trx, topic, partition, item, scope);
            await scope.flush();
            eventMetrics.consumed.inc({ topic, group: this.deps.consumerGroup, outcome: 'applied' });
          }),
        async (error, attempt) => {
          eventMetrics.retries.inc({ topic, group: this.deps.consumerGroup });
          this.deps.logger.warn(`event ${item.eventId} failed on try ${attempt} (${errorCode(error)}); retrying`);
          await hooks.heartbeat();
        },
      );
    } catch (error) {
      const exhausted = error as RetriesExhausted;
      await this.deadLetter(topic, partition, item, exhausted.lastError, exhausted.attempts);
    }
  }

  private async dispatch(trx: Knex.Transaction, topic: string, partition: number, item: Decoded, scope: BatchScope): Promise<void> {
    const context = new EventContext(
      trx,
      item.eventId,
      item.eventType,
      item.headers[EventHeader.correlationId] || item.eventId,
      item.headers[EventHeader.causationId] || undefined,
      item.headers,
      topic,
      partition,
      item.message.offset,
      scope,
    );
    await withConsumeSpan(topic, item.headers, this.deps.consumerGroup, () => item.handler!(item.payload, context));
  }

  private async deadLetterPoison(topic: string, partition: number, items: Item[]): Promise<void> {
    for (const item of items) if ('poison' in item) await this.deadLetter(topic, partition, item, item.poison, 1);
  }

  private async deadLetter(topic: string, partition: number, item: Item, error: unknown, attempts: number): Promise<void> {
    this.deps.logger.error(`dead-lettering ${topic}[${partition}]@${item.message.offset}: ${errorCode(error)} ${(error as Error)?.message}`);
    await this.deps.deadLetters.send(
      { topic, partition, offset: item.message.offset, key: item.message.key, value: item.message.value, headers: item.headers },
      error,
      attempts,
    );
    eventMetrics.consumed.inc({ topic, group: this.deps.consumerGroup, outcome: 'dead-lettered' });
  }
}
