import { acceptedRoles, hasRequiredRole, isRole } from './roles';

describe('roles', () => {
  it('lets a caller through when it holds any one of the required roles', () => {
    expect(hasRequiredRole(['channel'], ['channel', 'partner'])).toBe(true);
    expect(hasRequiredRole(['warehouse', 'ops'], ['ops'])).toBe(true);
  });

  it('stops a caller that holds none of the required roles', () => {
    expect(hasRequiredRole(['channel'], ['ops'])).toBe(false);
    expect(hasRequiredRole([], ['ops'])).toBe(false);
  });

  it('lets admin through every check', () => {
    expect(hasRequiredRole(['admin'], ['warehouse'])).toBe(true);
    expect(hasRequiredRole(['admin'], [])).toBe(true);
  });

  it('requires admin when a route names no roles', () => {
    expect(hasRequiredRole(['ops'], [])).toBe(false);
  });

  it('names the accepted roles with admin last, once', () => {
    expect(acceptedRoles(['ops', 'admin'])).toEqual(['ops', 'admin']);
    expect(acceptedRoles(['warehouse'])).toEqual(['warehouse', 'admin']);
    expect(acceptedRoles([])).toEqual(['admin']);
  });

  it('knows only the five client kinds', () => {
    expect(['channel', 'warehouse', 'partner', 'ops', 'admin'].every(isRole)).toBe(true);
    expect(isRole('superuser')).toBe(false);
    expect(isRole(1)).toBe(false);
  });
});
