import { DATABASE, GroupCommit, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { naturalKey, normalizeOrder, orderIdFor, receiveOrder, runGates, type Actor, type ChannelMapping, type OrderRequest, type Rejection } from '../domain';
import type { OrderServiceConfig } from '../config/order-service.config';
import { IdempotencyRepository, type StoredResponse } from '../persistence/idempotency.repository';
import { claimKey, type IntakeContext, type IntakeReads } from '../persistence/intake-context.repository';
import type { StoredOrder } from '../persistence/orders.repository';
import { checked, OrderChanges, type ChangeCause, type OrderRefusals } from './order-changes';
import { plainStep, steps } from './order-events';
import { SYSTEM_ACTOR, ValidationGates } from './validation-gates';

export type IntakeOutcome =
  | { outcome: 'ACCEPTED'; stored: StoredOrder; failures: Rejection[] }
  | { outcome: 'DUPLICATE'; orderId: string }
  | { outcome: 'UNMAPPED'; unmapped: Rejection[] };

export interface IdempotencyKey {
  /** Keys are scoped per caller: two channels may use the same key. */
  caller: string;
  key: string;
  /** requestFingerprint of the body. */
  fingerprint: string;
}

/**
 * The answer to a submission: the response (kept under its Idempotency-Key and given again for the
 * same request), the key used before with another body, or values without a channel mapping (the
 * request is refused and nothing is stored, not even the key).
 */
export type SubmitOutcome =
  | { outcome: 'ANSWERED'; response: StoredResponse; replayed: boolean }
  | { outcome: 'KEY_REUSED'; key: string }
  | { outcome: 'UNMAPPED'; unmapped: Rejection[] };

/** The HTTP answer to an accepted or duplicate order; computed in the transaction that stores it. */
export type Respond = (outcome: Exclude<IntakeOutcome, { outcome: 'UNMAPPED' }>) => StoredResponse;

interface Submission {
  request: OrderRequest;
  actor: Actor;
  cause: ChangeCause;
  key: IdempotencyKey | null;
  respond: Respond;
}

interface Intake {
  request: OrderRequest;
  actor: Actor;
  cause: ChangeCause;
}

/**
 * The one intake path (REST and EDI): channel mapping, RECEIVED, the gates (VALIDATED or ON_HOLD
 * with an exception per failed check), in one transaction with OrderReceived and the gates' event.
 * The order id derives from channel + external order id, so the primary key refuses a second
 * order however it arrives, concurrently or not.
 *
 * REST submissions are group-committed: the requests that arrive while earlier batches are being
 * written go in together (one transaction, a handful of multi-row statements), which is what lets
 * intake keep up with many channels at once; see GroupCommit.
 */
@Injectable()
export class IntakeOrder {
  private readonly committer: GroupCommit<Submission, SubmitOutcome>;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) config: OrderServiceConfig,
    private readonly gates: ValidationGates,
    private readonly changes: OrderChanges,
  ) {
    this.committer = new GroupCommit({
      name: 'order-intake',
      maxBatchSize: config.INTAKE_BATCH_SIZE,
      maxConcurrentBatches: config.INTAKE_CONCURRENT_BATCHES,
      // One batch never holds two submissions of one order or one key: each must see the other's outcome.
      keysOf: ({ request, key }) => [orderIdOf(request), ...(key ? [claimKey(key)] : [])],
      run: (submissions) => this.db.transaction((trx) => this.submitBatch(trx, submissions)),
    });
  }

  /** What intake reads to decide on one order (its context, and whether it exists), for a caller that needs the context first. */
  read(trx: Knex.Transaction, order: { channel: string; externalOrderId: string; customerId: string; skus: readonly string[] }): Promise<IntakeReads> {
    return this.gates.reads(trx, [{ channel: order.channel, customerId: order.customerId, skus: order.skus }], { orderIds: [orderIdFor(naturalKey(order.channel, order.externalOrderId))] });
  }

  /** One order, in the caller's transaction, with what `read` found (EDI purchase orders arrive as events and are priced from it). */
  async execute(trx: Knex.Transaction, request: OrderRequest, actor: Actor, cause: ChangeCause, reads: IntakeReads): Promise<IntakeOutcome> {
    const [outcome] = await this.executeMany(trx, [{ request, actor, cause }], reads.contexts, reads.existing);
    return outcome;
  }

  /**
   * Intake under an Idempotency-Key: the key is claimed in the transaction that stores the order
   * (a concurrent request with the same key waits for it), the answer `respond` gives is stored
   * with it, and a later request with the key gets that answer again. The same key with another
   * body is refused.
   */
  submit(request: OrderRequest, actor: Actor, cause: ChangeCause, key: IdempotencyKey | null, respond: Respond): Promise<SubmitOutcome> {
    return this.committer.submit({ request, actor, cause, key, respond });
  }

  private async submitBatch(trx: Knex.Transaction, submissions: readonly Submission[]): Promise<PromiseSettledResult<SubmitOutcome>[]> {
    const { contexts, claimed, existing } = await this.gates.reads(
      trx,
      submissions.map(({ request }) => contextRequest(request)),
      { claims: submissions.flatMap(({ key }) => (key ? [key] : [])), orderIds: submissions.map(({ request }) => orderIdOf(request)) },
    );
    const answers = new Map<number, SubmitOutcome>();
    const usedBefore = submissions.flatMap(({ key }, index) => (key && !claimed.has(claimKey(key)) ? [{ index, key }] : []));
    const answered = await IdempotencyRepository.answered(trx, usedBefore.map(({ key }) => key));
    for (const { index, key } of usedBefore) {
      const earlier = answered.get(claimKey(key));
      // Gone since the claim: the key expired just now, so the request runs as new (a repeat of the order is still a 409).
      if (!earlier) continue;
      answers.set(index, earlier.fingerprint === key.fingerprint ? { outcome: 'ANSWERED', response: earlier.response, replayed: true } : { outcome: 'KEY_REUSED', key: key.key });
    }
    const fresh = [...submissions.keys()].filter((index) => !answers.has(index));
    const outcomes = await this.executeMany(
      trx,
      fresh.map((index) => submissions[index]),
      fresh.map((index) => contexts[index]),
      existing,
    );
    const completed: { caller: string; key: string; response: StoredResponse }[] = [];
    const refused: IdempotencyKey[] = [];
    fresh.forEach((index, position) => {
      const outcome = outcomes[position];
      const { key, respond } = submissions[index];
      if (outcome.outcome === 'UNMAPPED') {
        if (key) refused.push(key);
        answers.set(index, outcome);
        return;
      }
      const response = respond(outcome);
      if (key) completed.push({ caller: key.caller, key: key.key, response });
      answers.set(index, { outcome: 'ANSWERED', response, replayed: false });
    });
    await IdempotencyRepository.complete(trx, completed);
    await IdempotencyRepository.release(trx, refused);
    return submissions.map((_, index) => ({ status: 'fulfilled', value: answers.get(index)! }));
  }

  /** Maps, receives and gates the orders, then stores those not stored yet with their events and exceptions. */
  private async executeMany(trx: Knex.Transaction, intakes: readonly Intake[], contexts: readonly IntakeContext[], existing: ReadonlySet<string>): Promise<IntakeOutcome[]> {
    const outcomes: IntakeOutcome[] = [];
    const received: { index: number; intake: Intake; context: IntakeContext; transitioned: ReturnType<typeof receiveOrder> }[] = [];
    const at = new Date();
    for (const [index, intake] of intakes.entries()) {
      const normalized = normalizeOrder(intake.request, contexts[index].settings ?? passThrough(intake.request));
      if (!normalized.ok) {
        outcomes[index] = { outcome: 'UNMAPPED', unmapped: normalized.error };
        continue;
      }
      const transitioned = receiveOrder(normalized.value, intake.actor, at);
      if (existing.has(transitioned.order.orderId)) outcomes[index] = { outcome: 'DUPLICATE', orderId: transitioned.order.orderId };
      else received.push({ index, intake, context: contexts[index], transitioned });
    }
    const inputs = await this.gates.inputs(
      trx,
      received.map(({ transitioned, context }) => ({ order: transitioned.order, context })),
    );
    const gated = received.map(({ transitioned }, position) => checked(runGates(transitioned.order, inputs[position], SYSTEM_ACTOR, at)));
    const stored = await this.changes.insert(
      trx,
      received.map(({ intake, transitioned }, position) => ({
        stored: { order: transitioned.order, erpOrderId: null, erpOrderName: null, allocations: [] },
        steps: [steps.received(transitioned), plainStep(gated[position])],
        cause: intake.cause,
      })),
    );
    const held: OrderRefusals[] = [];
    for (const [position, { index, intake, transitioned }] of received.entries()) {
      const order = stored[position];
      if (!order) {
        outcomes[index] = { outcome: 'DUPLICATE', orderId: transitioned.order.orderId };
        continue;
      }
      held.push({ orderId: order.order.orderId, refusals: gated[position].failures, cause: intake.cause });
      outcomes[index] = { outcome: 'ACCEPTED', stored: order, failures: gated[position].failures };
    }
    await this.changes.raiseMany(trx, held);
    return outcomes;
  }
}

function orderIdOf(request: OrderRequest): string {
  return orderIdFor(naturalKey(request.channel, request.externalOrderId));
}

function contextRequest(request: OrderRequest) {
  return { channel: request.channel, customerId: request.customer.customerId, skus: request.lines.map((line) => line.sku) };
}

/** A channel without mapping tables already speaks the ERP's SKUs and units. */
function passThrough(request: OrderRequest): ChannelMapping {
  return { skus: {}, skuPassThrough: true, units: Object.fromEntries(request.lines.map((line) => [line.quantity.uom, line.quantity.uom.trim()])), statuses: {} };
}
