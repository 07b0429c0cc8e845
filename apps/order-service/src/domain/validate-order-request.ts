import { z } from 'zod';
import type { OrderRequest } from './canonical-order';
import { decimals, isDecimalString } from './money';
import { fail, ok, reject, type InvalidField, type Rejection, type Result } from './order.errors';

// Messages read after the field path: "lines[2].quantity: must be a positive decimal".
const requiredText = (maxLength: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`);

const optionalText = (maxLength: number) =>
  requiredText(maxLength)
    .nullish()
    .transform((value) => value ?? null);

// Strings only: a JSON number has already been through a binary float.
const decimalString = (rule: string, holds: (value: string) => boolean) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${rule} as a string, e.g. "12.50"`) })
    .refine((value) => isDecimalString(value) && holds(value), `must be ${rule}`);

const email = z.email('must be an e-mail address').nullish().transform((value) => value ?? null);
const code = (pattern: RegExp, what: string) => z.string({ error: `must be ${what}` }).regex(pattern, `must be ${what}`);

const address = z.strictObject({
  name: requiredText(200),
  street: requiredText(200),
  street2: optionalText(200),
  city: requiredText(100),
  postalCode: optionalText(20),
  region: optionalText(10),
  countryCode: code(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as "DE"'),
  phone: optionalText(40),
  email,
});

const line = z.strictObject({
  lineId: requiredText(64).optional(),
  sku: requiredText(64),
  quantity: decimalString('a positive decimal', decimals.isPositive),
  unit: requiredText(32),
  unitPrice: decimalString('a decimal of zero or more', (value) => !decimals.isNegative(value)),
});

/** Lines without an id are numbered by position (1-based); ids must be unique after that. */
const lineIdOf = (value: { lineId?: string }, index: number) => value.lineId ?? String(index + 1);

const lines = z
  .array(line, { error: 'must be a list of order lines' })
  .min(1, 'must contain at least one line')
  .max(1_000, 'must contain at most 1000 lines')
  .superRefine((parsed, ctx) => {
    // Runs even when other lines are invalid, so duplicates are reported alongside them.
    const firstIndexOf = new Map<string, number>();
    parsed.forEach((value, index) => {
      if (typeof value !== 'object' || value === null) return;
      const id = lineIdOf(value, index);
      const first = firstIndexOf.get(id);
      if (first === undefined) firstIndexOf.set(id, index);
      else ctx.addIssue({ code: 'custom', path: [index, 'lineId'], message: `duplicates the line id "${id}" of lines[${first}]` });
    });
  });

/** The intake request body (JSON). Unknown fields are refused, so a misspelt field is never silently ignored. */
export const orderRequestBodySchema = z.strictObject({
  channel: requiredText(64),
  externalOrderId: requiredText(128),
  customer: z.strictObject({
    customerId: requiredText(64),
    channelCustomerId: optionalText(128),
    name: requiredText(200),
    email,
  }),
  billTo: address,
  shipTo: address,
  currency: code(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "EUR"'),
  lines,
  requestedDate: z.iso.date('must be a calendar date as YYYY-MM-DD').nullish().transform((value) => value ?? null),
  notes: optionalText(4_000),
  placedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset, e.g. "2026-11-23T10:15:00Z"' }),
});

export type OrderRequestBody = z.input<typeof orderRequestBodySchema>;

/** Validates an intake body; on failure names every invalid field, never just the first. */
export function validateOrderRequest(body: unknown): Result<OrderRequest, Rejection<'ORDER.INVALID_REQUEST'>> {
  const parsed = orderRequestBodySchema.safeParse(body);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap(toInvalidFields);
    return fail(reject('ORDER.INVALID_REQUEST', `${errors.length} invalid field(s)`, { errors }));
  }
  const { lines: requestedLines, placedAt, ...order } = parsed.data;
  return ok({
    ...order,
    placedAt: new Date(placedAt),
    lines: requestedLines.map((requested, index) => ({
      lineId: lineIdOf(requested, index),
      sku: requested.sku,
      quantity: { value: requested.quantity, uom: requested.unit },
      unitPrice: { amount: requested.unitPrice, currency: order.currency },
    })),
  });
}

function toInvalidFields(issue: z.core.$ZodIssue): InvalidField[] {
  // One entry per unknown key, each with its own path.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'is not a known field' }));
  }
  return [{ field: fieldPath(issue.path), message: issue.message }];
}

/** ["lines", 2, "quantity"] → "lines[2].quantity"; the body itself is "(body)". */
function fieldPath(path: readonly PropertyKey[]): string {
  const text = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return text === '' ? '(body)' : text.replace(/^\./, '');
}
