import { ExceptionQueue } from '@backbone/exceptions';
import type { Reason } from '@backbone/schemas';
import { SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { addMoney, money, naturalKey, orderTotal, runGates, transition, type Actor, type GateInputs, type Order, type PricelistAssignment } from '../domain';
import type { OrderServiceConfig } from '../config/order-service.config';
import { IntakeContextRepository, type ContextQuery, type IntakeContext, type IntakeReads, type KeyToClaim } from '../persistence/intake-context.repository';
import { MasterDataRepository, type Customer } from '../persistence/master-data.repository';
import { OrdersRepository } from '../persistence/orders.repository';
import { checked, orderSubject, OrderChanges, type ChangeCause, type Step } from './order-changes';
import { plainStep } from './order-events';

/** Codes the gates raise; a retry of any of them re-runs all gates. */
export const GATE_CODES = [
  'ORDER.UNKNOWN_CUSTOMER',
  'ORDER.CUSTOMER_ARCHIVED',
  'ORDER.CREDIT_HOLD',
  'ORDER.CREDIT_LIMIT_EXCEEDED',
  'ORDER.CURRENCY_MISMATCH',
  'ORDER.NO_PRICE',
  'ORDER.PRICE_MISMATCH',
] as const;

interface ContextRequest {
  channel: string;
  customerId: string;
  skus: readonly string[];
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'order-service' };

/**
 * The gates before the ERP (credit and prices) with their inputs read from the ERP projections in
 * the caller's transaction. A customer with a credit limit is locked, so two orders of one customer
 * never both use the same remaining credit; customers without a limit lock nothing.
 */
@Injectable()
export class ValidationGates {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: OrderServiceConfig,
    private readonly changes: OrderChanges,
    private readonly exceptions: ExceptionQueue,
  ) {}

  /** Channel mapping, customer and candidate pricelists for an order request, in one query. */
  async context(trx: Knex.Transaction, request: ContextRequest): Promise<IntakeContext> {
    const { contexts } = await this.reads(trx, [request]);
    return contexts[0];
  }

  /** The contexts of many order requests in one statement, claiming Idempotency-Keys and asking which orders exist (see IntakeContextRepository). */
  reads(trx: Knex.Transaction, requests: readonly ContextRequest[], options: { claims?: readonly KeyToClaim[]; orderIds?: readonly string[] } = {}): Promise<IntakeReads> {
    return IntakeContextRepository.load(
      trx,
      requests.map((request) => this.contextQuery(request)),
      { ...options, defaultPricelistId: this.config.DEFAULT_PRICELIST_ID ?? null },
    );
  }

  private contextQuery(request: ContextRequest): ContextQuery {
    return { channel: naturalKey(request.channel, '-').channel, customerId: request.customerId, skus: [...new Set(request.skus.map((sku) => sku.trim()))] };
  }

  /**
   * The gates' inputs for orders decided in one transaction, in order. A customer with a credit
   * limit is read again, locked, with the exposure of their open orders; each order counts towards
   * the exposure of the later ones in the list, as if it had committed before them.
   */
  async inputs(trx: Knex.Transaction, entries: readonly { order: Order; context: IntakeContext }[]): Promise<GateInputs[]> {
    const limited = [...new Set(entries.filter(({ context }) => context.customer?.creditLimit).map(({ order }) => order.customer.customerId))];
    const locked = limited.length > 0 ? await MasterDataRepository.lockCustomers(trx, limited) : new Map<string, Customer>();
    const limits = [...locked.values()].flatMap((customer) => (customer.creditLimit ? [{ customerId: customer.customerId, currency: customer.creditLimit.currency }] : []));
    const exposures = limits.length > 0 ? await OrdersRepository.openExposures(trx, limits, entries.map(({ order }) => order.orderId)) : new Map<string, string>();
    return entries.map(({ order, context }) => {
      const customerId = order.customer.customerId;
      const customer = context.customer?.creditLimit ? (locked.get(customerId) ?? null) : context.customer;
      const limit = customer?.creditLimit ?? null;
      const openExposure = limit ? money(exposures.get(customerId) ?? '0', limit.currency) : money('0', order.currency);
      if (limit && order.currency === limit.currency) exposures.set(customerId, addMoney(openExposure, orderTotal(order)).amount);
      return { credit: { customer, openExposure }, prices: { pricelists: context.pricelists, assignment: this.assignment(context), tolerance: this.config.PRICE_TOLERANCE } };
    });
  }

  /** Which pricelists govern: the customer's (from the ERP), the channel's (mapping tables), the configured default. */
  assignment(context: IntakeContext): PricelistAssignment {
    return { customerPricelistId: context.customer?.pricelistId ?? null, channelPricelistId: context.settings?.pricelistId ?? null, defaultPricelistId: this.config.DEFAULT_PRICELIST_ID ?? null };
  }

  /**
   * The retry of a failed gate: re-runs every gate on the held order. All pass: the hold is released
   * and the order validated (OrderHoldReleased, OrderValidated), closing its open gate exceptions.
   * Some still fail: each is raised again (the retried one stays open), the order stays held.
   */
  async revalidate(trx: Knex.Transaction, orderId: string, actor: Actor, cause: ChangeCause, why: Reason): Promise<void> {
    const stored = await OrdersRepository.lock(trx, orderId);
    if (!stored || stored.order.status !== 'ON_HOLD' || stored.order.hold?.returnTo !== 'RECEIVED') return;
    const { order } = stored;
    const context = await this.context(trx, { channel: order.channel, customerId: order.customer.customerId, skus: order.lines.map((line) => line.sku) });
    const [inputs] = await this.inputs(trx, [{ order, context }]);
    const at = new Date();
    const released = checked(transition(order, 'RELEASE_HOLD', actor, at, why));
    const gated = checked(runGates(released.order, inputs, SYSTEM_ACTOR, at));
    if (gated.failures.length > 0) {
      await this.changes.raise(trx, orderId, gated.failures, cause);
      return;
    }
    const steps: Step[] = [plainStep(released), plainStep(gated)];
    await this.changes.save(trx, stored, steps, cause);
    await this.exceptions.resolveOpenOfSubject(trx, { codes: GATE_CODES, subject: orderSubject(orderId) }, { reason: `the gates passed when re-run: ${why.message}` });
  }
}
