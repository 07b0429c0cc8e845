/**
 * Why the inventory domain refused a change. Stable codes, DOMAIN.REASON, that machines branch on;
 * the application layer turns them into exception-queue entries or HTTP 409/422 responses.
 */
export const InventoryErrorCode = {
  UNKNOWN_SKU: 'INVENTORY.UNKNOWN_SKU',
  UNKNOWN_LOCATION: 'INVENTORY.UNKNOWN_LOCATION',
  NOT_A_TRANSIT_LOCATION: 'INVENTORY.NOT_A_TRANSIT_LOCATION',
  INVALID_QUANTITY: 'INVENTORY.INVALID_QUANTITY',
  UNIT_WITHOUT_CONVERSION: 'INVENTORY.UNIT_WITHOUT_CONVERSION',
  NEGATIVE_ON_HAND_NOT_ALLOWED: 'INVENTORY.NEGATIVE_ON_HAND_NOT_ALLOWED',
  OVER_SHIPMENT: 'INVENTORY.OVER_SHIPMENT',
  OUT_OF_STOCK: 'INVENTORY.OUT_OF_STOCK',
  BASE_UNIT_CHANGE_WITH_STOCK: 'INVENTORY.BASE_UNIT_CHANGE_WITH_STOCK',
} as const;

export type InventoryErrorCode = (typeof InventoryErrorCode)[keyof typeof InventoryErrorCode];

export type InventoryErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A business rule refused the change. Domain functions return it as data (never throw it), so the
 * caller can route it to the exception queue in the same transaction; its shape matches the
 * DomainError of @backbone/events (`code`, `message`, `details`), which the domain may not import.
 */
export class InventoryError extends Error {
  override readonly name = 'InventoryError';

  constructor(
    readonly code: InventoryErrorCode,
    message: string,
    readonly details: InventoryErrorDetails = {},
  ) {
    super(message);
  }
}
