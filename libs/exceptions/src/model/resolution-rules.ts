import type { BusinessException, ResolveException } from './business-exception';
import { ExceptionAlreadyResolvedError, ReasonRequiredError } from './exception.errors';

/** The reason as stored: trimmed, and null when blank. */
export function normalizeReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Refuses a resolution the rules forbid: overrides and rejections need a reason (they are the
 * audited decisions), and a resolved exception stays resolved (raising again opens a new one).
 */
export function assertResolvable(exception: Pick<BusinessException, 'id' | 'status' | 'resolution'>, command: ResolveException): void {
  if (command.resolution !== 'RETRIED' && normalizeReason(command.reason) === null) throw new ReasonRequiredError(command.resolution);
  if (exception.status === 'RESOLVED') throw new ExceptionAlreadyResolvedError(exception.id, exception.resolution);
}
