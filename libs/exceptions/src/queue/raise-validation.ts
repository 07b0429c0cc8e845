import type { RaiseException } from '../model/business-exception';

/** DOMAIN.REASON in upper snake case, e.g. ORDER.CREDIT_HOLD or EDI.PARTNER_MAPPING_GAP. */
export const EXCEPTION_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

/** A malformed raise is a programming error in the raising service (TypeError: never retried). */
export function assertValidRaise(input: RaiseException): void {
  const problems: string[] = [];
  if (!EXCEPTION_CODE.test(input.code ?? '')) problems.push(`code "${input.code}" is not DOMAIN.REASON (e.g. ORDER.CREDIT_HOLD)`);
  if (!input.message?.trim()) problems.push('message is blank');
  if (!input.subject?.type?.trim()) problems.push('subject.type is blank');
  if (!input.subject?.id?.trim()) problems.push('subject.id is blank');
  for (const [name, value] of Object.entries(input.details ?? {})) {
    if (typeof value !== 'string') problems.push(`details.${name} is not a string`);
  }
  if (problems.length > 0) throw new TypeError(`invalid business exception: ${problems.join('; ')}`);
}
