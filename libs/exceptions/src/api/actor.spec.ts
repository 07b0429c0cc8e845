import { ANONYMOUS_ADMIN } from '@backbone/service-kit';
import { setPrincipal } from '@backbone/service-kit/testing';
import type { Request } from 'express';
import { actorFromRequest } from './actor';

function request(headers: Record<string, string>, principal?: Parameters<typeof setPrincipal>[1]): Request {
  const built = { headers } as unknown as Request;
  if (principal) setPrincipal(built, principal);
  return built;
}

describe('actorFromRequest', () => {
  it('names the authenticated principal, whatever the x-actor header says', () => {
    const caller = request({ 'x-actor': 'someone-else' }, { kind: 'api-key', id: 'ops-console', roles: ['ops'] });

    expect(actorFromRequest(caller)).toEqual({ kind: 'api-key', id: 'ops-console' });
  });

  it('names the operator from the x-actor header only while authentication is disabled', () => {
    expect(actorFromRequest(request({ 'x-actor': ' ops-anna ' }, ANONYMOUS_ADMIN))).toEqual({ kind: 'user', id: 'ops-anna' });
  });

  it('falls back to anonymous without the header, or with a blank one', () => {
    expect(actorFromRequest(request({}, ANONYMOUS_ADMIN))).toEqual({ kind: 'anonymous', id: 'anonymous' });
    expect(actorFromRequest(request({ 'x-actor': '  ' }))).toEqual({ kind: 'anonymous', id: 'anonymous' });
  });
});
