import type { QuantityType } from '@backbone/schemas';
import type { CountMark } from './ordering-rules';
import { emptyStockPosition, positionKey, type StockPosition } from './stock-position';

/** The stock state a use case works on: what the caller loaded (and locked) in its transaction. */
export interface StockState {
  readonly positions: readonly StockPosition[];
  readonly countMarks: readonly CountMark[];
}

/**
 * A working copy of a StockState. A position that was not loaded does not exist yet and starts
 * empty; `changes()` is exactly what the caller must write back.
 */
export class StockBook {
  private readonly positions = new Map<string, StockPosition>();
  private readonly countMarks = new Map<string, CountMark>();
  private readonly changedPositions = new Set<string>();
  private readonly changedCountMarks = new Set<string>();

  constructor(state: StockState) {
    for (const position of state.positions) this.positions.set(positionKey(position.sku, position.locationId), position);
    for (const mark of state.countMarks) this.countMarks.set(countMarkKey(mark.sku, mark.locationId, mark.quantityType), mark);
  }

  position(sku: string, locationId: string): StockPosition {
    return this.positions.get(positionKey(sku, locationId)) ?? emptyStockPosition(sku, locationId);
  }

  countMark(sku: string, locationId: string, quantityType: QuantityType): CountMark | undefined {
    return this.countMarks.get(countMarkKey(sku, locationId, quantityType));
  }

  setPosition(position: StockPosition): void {
    const key = positionKey(position.sku, position.locationId);
    this.positions.set(key, position);
    this.changedPositions.add(key);
  }

  setCountMark(mark: CountMark): void {
    const key = countMarkKey(mark.sku, mark.locationId, mark.quantityType);
    this.countMarks.set(key, mark);
    this.changedCountMarks.add(key);
  }

  changes(): { positions: StockPosition[]; countMarks: CountMark[] } {
    return {
      positions: [...this.changedPositions].map((key) => this.positions.get(key) as StockPosition),
      countMarks: [...this.changedCountMarks].map((key) => this.countMarks.get(key) as CountMark),
    };
  }
}

function countMarkKey(sku: string, locationId: string, quantityType: QuantityType): string {
  return JSON.stringify([sku, locationId, quantityType]);
}
