import { actorFromRequest } from './actor';

describe('actorFromRequest', () => {
  it('names the operator from the x-actor header', () => {
    expect(actorFromRequest({ headers: { 'x-actor': ' ops-anna ' } })).toEqual({ kind: 'user', id: 'ops-anna' });
  });

  it('falls back to anonymous without the header, or with a blank one', () => {
    expect(actorFromRequest({ headers: {} })).toEqual({ kind: 'anonymous', id: 'anonymous' });
    expect(actorFromRequest({ headers: { 'x-actor': '  ' } })).toEqual({ kind: 'anonymous', id: 'anonymous' });
  });
});
