/**
 * The order-service domain: pure functions, no I/O, time passed in. An application layer calls
 * them inside one database transaction: state in, new state out, together with what happened
 * (the audit entry, the event type to publish, the rejections for the exception queue).
 *
 * Flow: validateOrderRequest (every invalid field) → normalizeOrder (channel mapping tables) →
 * receiveOrder (RECEIVED; id derived from channel + external order id) → runGates (credit and
 * prices: VALIDATED or ON_HOLD) → recordReservation (RESERVED or ON_HOLD) → transition
 * (CONFIRM_IN_ERP, RELEASE_TO_WAREHOUSE, HOLD, RELEASE_HOLD, REJECT, INVOICE) → recordShipment
 * (PARTIALLY_SHIPPED, BACKORDERED, SHIPPED) → cancelOrder at any point before everything shipped.
 * Business refusals are returned as typed rejections with stable codes (order.errors.ts); only
 * broken preconditions throw.
 */
export { orderTotal, receiveOrder, toOrderReceived } from './canonical-order';
export type { NormalizedOrderRequest, Order, OrderHold, OrderRequest, RequestedLine } from './canonical-order';
export { channelStatusFor, normalizeOrder, normalizeStatus, type ChannelMapping } from './channel-mappings';
export { checkCredit, type CreditCheck, type CustomerAccount } from './credit-gate';
export { applyReservation, type AppliedReservation, type LineReservation, type LineReservationOutcome } from './line-reservation';
export { applyShipment, type Shipment } from './line-shipment';
export { addMoney, compareMoney, decimals, isDecimalString, money, multiplyMoney, subtractMoney, sumMoney, type DecimalString } from './money';
export { cancelOrder, recordReservation, recordShipment, type OrderCancelled, type ReservationRecorded } from './order-fulfilment';
export { canonicalJson, naturalKey, orderIdFor, requestFingerprint, ORDER_ID_NAMESPACE, type OrderNaturalKey } from './order-identity';
export {
  fulfilmentStatus,
  lineInvariantViolations,
  quantityToFulfil,
  remainingQuantity,
  type FulfilmentStatus,
  type OrderLine,
  type ReleasedReservation,
  type Substitution,
} from './order-lines';
export {
  isReleased,
  ORDER_COMMANDS,
  ORDER_STATUSES,
  transition,
  TRANSITIONS,
  type Actor,
  type ActorKind,
  type AuditEntry,
  type OrderCommand,
  type OrderEventType,
  type OrderStatus,
  type Transitioned,
} from './order-state';
export { fail, ok, OrderDomainError, reject, toReason, type InvalidField, type OrderErrorCode, type Rejection, type RejectionFields, type Result, type Shortfall } from './order.errors';
export { checkPrices, governingPrice, governingPricelist, type Pricelist, type PricelistAssignment, type PriceCheck, type PriceTolerance } from './price-gate';
export { runGates, type GateInputs, type GatesRun } from './run-gates';
export { orderRequestBodySchema, validateOrderRequest, type OrderRequestBody } from './validate-order-request';
