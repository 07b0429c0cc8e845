/** The client kinds the backbone's HTTP APIs know (see ARCHITECTURE.md, Security). */
export const ROLES = ['channel', 'warehouse', 'partner', 'ops', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A caller may proceed if it holds any of the required roles; `admin` passes every check. */
export function hasRequiredRole(granted: readonly Role[], required: readonly Role[]): boolean {
  return granted.includes('admin') || required.some((role) => granted.includes(role));
}

/** The roles that satisfy `required`, as a 403 names them: the declared ones, then `admin`. */
export function acceptedRoles(required: readonly Role[]): Role[] {
  return [...new Set<Role>([...required, 'admin'])];
}
