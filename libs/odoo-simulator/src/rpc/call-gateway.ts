/* Everything a call goes through between the HTTP parsing and the ORM: it is counted, may be
 * stopped by an injected proxy fault, waits for a worker, takes the configured latency inside
 * its transaction (which starts, and stamps write_date, when the worker picks it up), and
 * commits only if it succeeds. */
import { asOdooError, OdooError, serializationFailure } from '../errors/odoo-errors';
import { Store } from '../store/store';
import { Transaction } from '../store/transaction';
import { CallKey, CallStats } from './call-stats';
import { FaultInjector, FaultKind } from './faults';
import { WorkerPool } from './worker-pool';

export type CallOutcome =
  | { kind: 'result'; value: unknown }
  | { kind: 'error'; error: OdooError }
  | { kind: 'http-status'; status: number; retryAfterSeconds?: number }
  /** Leave the request unanswered; drop the connection after `ms` when given. */
  | { kind: 'hold'; ms?: number };

export interface CallScope {
  tx: Transaction;
  /** Transaction start, epoch ms. */
  now: number;
}

export interface GatewayDependencies {
  store: Store;
  clock: () => Date;
  latencyMs: number;
  pool: WorkerPool;
  faults: FaultInjector;
  stats: CallStats;
}

export class CallGateway {
  constructor(private readonly deps: GatewayDependencies) {}

  async run(call: CallKey, work: (scope: CallScope) => unknown): Promise<CallOutcome> {
    this.deps.stats.record(call);
    const fault = this.deps.faults.take(call);
    if (fault?.kind === 'http-status') return { kind: 'http-status', status: fault.status, retryAfterSeconds: fault.retryAfterSeconds };
    if (fault?.kind === 'timeout' && !fault.afterCommit) return { kind: 'hold', ms: fault.holdMs };
    const release = await this.deps.pool.acquire();
    this.deps.stats.started();
    try {
      const outcome = await this.serve(work, fault);
      if (outcome.kind === 'result' && fault?.kind === 'timeout') return { kind: 'hold', ms: fault.holdMs };
      return outcome;
    } finally {
      this.deps.stats.finished();
      release();
    }
  }

  private async serve(work: (scope: CallScope) => unknown, fault: FaultKind | undefined): Promise<CallOutcome> {
    const now = this.deps.clock().getTime();
    const extraDelay = fault?.kind === 'delay' ? fault.ms : 0;
    if (this.deps.latencyMs + extraDelay > 0) await sleep(this.deps.latencyMs + extraDelay);
    const tx = new Transaction(this.deps.store);
    try {
      const value = work({ tx, now });
      if (fault?.kind === 'serialization-failure') throw serializationFailure();
      tx.commit();
      return { kind: 'result', value };
    } catch (error) {
      // Not committing is the rollback: the transaction's writes are simply dropped.
      return { kind: 'error', error: asOdooError(error) };
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
