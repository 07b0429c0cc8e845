import { Decimal } from 'decimal.js';

/** Odoo's on-hand quantity of a product at one internal location (summed over its quants). */
export interface OdooStockLine {
  sku: string;
  /** Odoo location full name, e.g. "WH/Stock/Shelf 1". */
  odooLocation: string;
  quantity: string;
}

/** The inventory-service's on-hand figure (GET /stock-snapshot). */
export interface BackbonePosition {
  sku: string;
  locationId: string;
  onHand: string;
}

export interface StockDrift {
  subjectId: string;
  sku: string;
  locationId: string;
  odooValue: string | null;
  backboneValue: string | null;
  /** Odoo minus backbone. */
  difference: string;
}

export interface StockComparison {
  checked: number;
  drifts: StockDrift[];
}

/**
 * The backbone location an Odoo location belongs to: the longest configured prefix that is the
 * location itself or one of its parents ("WH/Stock" covers "WH/Stock/Shelf 1"); without one, the
 * Odoo full name is the backbone id.
 */
export function backboneLocationOf(odooLocation: string, mapping: Readonly<Record<string, string>>): string {
  let best: string | undefined;
  for (const prefix of Object.keys(mapping)) {
    const covers = odooLocation === prefix || odooLocation.startsWith(`${prefix}/`);
    if (covers && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? odooLocation : mapping[best];
}

/**
 * Compares on hand per SKU and backbone location. Only locations Odoo manages are compared (those
 * its quants map to, and every mapping target): positions the inventory-service keeps for a 3PL
 * outside Odoo are not drift. A missing side counts as zero; a difference up to `tolerance`
 * (absolute, in the product's unit) is not drift.
 */
export function compareStock(odoo: readonly OdooStockLine[], backbone: readonly BackbonePosition[], mapping: Readonly<Record<string, string>>, tolerance: string): StockComparison {
  const odooTotals = new Map<string, { sku: string; locationId: string; quantity: Decimal }>();
  for (const line of odoo) add(odooTotals, line.sku, backboneLocationOf(line.odooLocation, mapping), line.quantity);
  const managed = new Set([...Object.values(mapping), ...[...odooTotals.values()].map((total) => total.locationId)]);
  const backboneTotals = new Map<string, { sku: string; locationId: string; quantity: Decimal }>();
  for (const position of backbone) if (managed.has(position.locationId)) add(backboneTotals, position.sku, position.locationId, position.onHand);

  const limit = new Decimal(tolerance);
  const subjects = new Set([...odooTotals.keys(), ...backboneTotals.keys()]);
  const drifts: StockDrift[] = [];
  for (const subjectId of [...subjects].sort()) {
    const inOdoo = odooTotals.get(subjectId);
    const inBackbone = backboneTotals.get(subjectId);
    const difference = (inOdoo?.quantity ?? new Decimal(0)).minus(inBackbone?.quantity ?? 0);
    if (difference.abs().lte(limit)) continue;
    const { sku, locationId } = (inOdoo ?? inBackbone)!;
    drifts.push({ subjectId, sku, locationId, odooValue: inOdoo?.quantity.toString() ?? null, backboneValue: inBackbone?.quantity.toString() ?? null, difference: difference.toString() });
  }
  return { checked: subjects.size, drifts };
}

function add(totals: Map<string, { sku: string; locationId: string; quantity: Decimal }>, sku: string, locationId: string, quantity: string): void {
  const key = `${sku}@${locationId}`;
  const total = totals.get(key);
  if (total) total.quantity = total.quantity.plus(quantity);
  else totals.set(key, { sku, locationId, quantity: new Decimal(quantity) });
}
