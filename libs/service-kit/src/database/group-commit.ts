import { Histogram } from 'prom-client';

const batchSizes = new Histogram({
  name: 'group_commit_batch_size',
  help: 'Items per group-commit batch (one transaction each), by committer',
  labelNames: ['committer'] as const,
  buckets: [1, 2, 4, 8, 16, 32, 64, 128],
});

export interface GroupCommitOptions<I, O> {
  /** Names the committer in metrics. */
  name: string;
  /**
   * Runs one batch, usually as one transaction; answers per item, in the order of `items`. An item
   * refused on its own merits is a rejected entry; a throw fails the batch (see GroupCommit).
   */
  run: (items: readonly I[]) => Promise<PromiseSettledResult<O>[]>;
  maxBatchSize: number;
  /** Batches in flight at once (each holds a database connection). */
  maxConcurrentBatches: number;
  /** Items sharing a key never share a batch (one Idempotency-Key, one order): the later one waits for the next. */
  keysOf?: (item: I) => readonly string[];
}

interface Pending<I, O> {
  item: I;
  /** keysOf(item), computed once. */
  keys: readonly string[];
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit: callers submit one item each, and the items that arrive while earlier batches are
 * in flight are written together, in one transaction and a few multi-row statements. Under load the
 * per-statement and per-commit costs (round trips, WAL flushes) are shared by the whole batch; an
 * item that arrives alone is sent at once, so light traffic waits for nothing.
 *
 * A batch that throws (a deadlock, a constraint no item was expected to break) is run again item by
 * item, so one bad item fails only its own caller.
 */
export class GroupCommit<I, O> {
  private readonly queue: Pending<I, O>[] = [];
  private inFlight = 0;

  constructor(private readonly options: GroupCommitOptions<I, O>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, keys: this.options.keysOf?.(item) ?? [], resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.options.maxConcurrentBatches && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        this.dispatch();
      });
    }
  }

  /** The oldest items, up to the batch size, skipping those whose keys an earlier item of the batch holds. */
  private take(): Pending<I, O>[] {
    const batch: Pending<I, O>[] = [];
    const held = new Set<string>();
    const left: Pending<I, O>[] = [];
    for (const [index, pending] of this.queue.entries()) {
      if (batch.length >= this.options.maxBatchSize) {
        left.push(...this.queue.slice(index));
        break;
      }
      if (pending.keys.some((key) => held.has(key))) {
        left.push(pending);
        continue;
      }
      for (const key of pending.keys) held.add(key);
      batch.push(pending);
    }
    this.queue.splice(0, this.queue.length, ...left);
    return batch;
  }

  private async execute(batch: Pending<I, O>[]): Promise<void> {
    let results: PromiseSettledResult<O>[];
    try {
      batchSizes.observe({ committer: this.options.name }, batch.length);
      results = await this.options.run(batch.map((pending) => pending.item));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else for (const pending of batch) await this.execute([pending]);
      return;
    }
    batch.forEach((pending, index) => {
      const result = results[index];
      if (result.status === 'fulfilled') pending.resolve(result.value);
      else pending.reject(result.reason);
    });
  }
}
