import { DATABASE } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { normalizeOrder, receiveOrder, runGates, type Actor, type ChannelMapping, type OrderRequest, type Rejection } from '../domain';
import { IdempotencyRepository, type StoredResponse } from '../persistence/idempotency.repository';
import type { IntakeContext } from '../persistence/intake-context.repository';
import type { StoredOrder } from '../persistence/orders.repository';
import { checked, OrderChanges, type ChangeCause } from './order-changes';
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

export type IdempotentOutcome = { outcome: 'ANSWERED'; response: StoredResponse; replayed: boolean } | { outcome: 'KEY_REUSED'; key: string };

/**
 * The one intake path (REST and EDI): channel mapping, RECEIVED, the gates (VALIDATED or ON_HOLD
 * with an exception per failed check), in one transaction with OrderReceived and the gates' event.
 * The order id derives from channel + external order id, so the primary key refuses a second
 * order however it arrives, concurrently or not.
 */
@Injectable()
export class IntakeOrder {
  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    private readonly gates: ValidationGates,
    private readonly changes: OrderChanges,
  ) {}

  /** `context`: the intake reads when the caller has made them already (see `submit`). */
  async execute(trx: Knex.Transaction, request: OrderRequest, actor: Actor, cause: ChangeCause, context?: IntakeContext): Promise<IntakeOutcome> {
    context ??= await this.gates.context(trx, contextRequest(request));
    const normalized = normalizeOrder(request, context.settings ?? passThrough(request));
    if (!normalized.ok) return { outcome: 'UNMAPPED', unmapped: normalized.error };
    const at = new Date();
    const received = receiveOrder(normalized.value, actor, at);
    const inputs = await this.gates.inputs(trx, received.order, context);
    const gated = checked(runGates(received.order, inputs, SYSTEM_ACTOR, at));
    const stored = await this.changes.insert(trx, { order: received.order, erpOrderId: null, erpOrderName: null, allocations: [] }, [steps.received(received), plainStep(gated)], cause);
    if (!stored) return { outcome: 'DUPLICATE', orderId: received.order.orderId };
    await this.changes.raise(trx, stored.order.orderId, gated.failures, cause);
    return { outcome: 'ACCEPTED', stored, failures: gated.failures };
  }

  /**
   * Intake under an Idempotency-Key, in one transaction: the key is claimed first (a concurrent
   * request with the same key waits for this one), the answer `respond` gives is stored with it,
   * and a later request with the key gets that answer again. The same key with another body is
   * refused. `respond` may throw to refuse the request: then nothing is stored, not even the key.
   */
  async submit(request: OrderRequest, actor: Actor, cause: ChangeCause, key: IdempotencyKey | null, respond: (outcome: IntakeOutcome) => StoredResponse): Promise<IdempotentOutcome> {
    return this.db.transaction(async (trx) => {
      let context: IntakeContext | undefined;
      if (key) {
        const claim = await this.gates.contextClaiming(trx, contextRequest(request), key);
        if (!claim.claimed) {
          const answered = await IdempotencyRepository.answered(trx, key.caller, key.key);
          return answered.fingerprint === key.fingerprint ? { outcome: 'ANSWERED', response: answered.response, replayed: true } : { outcome: 'KEY_REUSED', key: key.key };
        }
        context = claim.context;
      }
      const response = respond(await this.execute(trx, request, actor, cause, context));
      if (key) await IdempotencyRepository.complete(trx, key.caller, key.key, response);
      return { outcome: 'ANSWERED', response, replayed: false };
    });
  }
}

function contextRequest(request: OrderRequest) {
  return { channel: request.channel, customerId: request.customer.customerId, skus: request.lines.map((line) => line.sku) };
}

/** A channel without mapping tables already speaks the ERP's SKUs and units. */
function passThrough(request: OrderRequest): ChannelMapping {
  return { skus: {}, skuPassThrough: true, units: Object.fromEntries(request.lines.map((line) => [line.quantity.uom, line.quantity.uom.trim()])), statuses: {} };
}
