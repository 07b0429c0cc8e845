import { createHash } from 'node:crypto';
import { ApiKeyStore, apiKeyEntries, hashApiKey } from './api-keys';

describe('API keys', () => {
  it('hashes a key as sha256:<hex> of its UTF-8 bytes', () => {
    const expected = createHash('sha256').update('k3y-for-shop-1').digest('hex');

    expect(hashApiKey('k3y-for-shop-1')).toBe(`sha256:${expected}`);
  });

  describe('ApiKeyStore', () => {
    const store = new ApiKeyStore([
      { id: 'shop-1', keyHash: hashApiKey('shop-1-key'), roles: ['channel'] },
      { id: 'wms', keyHash: hashApiKey('wms-key').toUpperCase().replace('SHA256:', 'sha256:'), roles: ['warehouse'] },
    ]);

    it('finds the entry whose hash matches the presented key', () => {
      expect(store.find('shop-1-key')).toMatchObject({ id: 'shop-1', roles: ['channel'] });
    });

    it('finds nothing for an unknown key, a near miss or the stored hash itself', () => {
      expect(store.find('shop-2-key')).toBeUndefined();
      expect(store.find('shop-1-key ')).toBeUndefined();
      expect(store.find(hashApiKey('shop-1-key'))).toBeUndefined();
    });

    it('finds nothing when no keys are configured', () => {
      expect(new ApiKeyStore([]).find('anything')).toBeUndefined();
    });
  });

  describe('the AUTH_API_KEYS shape', () => {
    const hash = hashApiKey('shop-1-key');

    it('accepts entries with an id, a sha256 hash and at least one known role', () => {
      const parsed = apiKeyEntries.parse([{ id: 'shop-1', keyHash: hash.toUpperCase().replace('SHA256', 'sha256'), roles: ['channel'] }]);

      expect(parsed).toEqual([{ id: 'shop-1', keyHash: hash, roles: ['channel'] }]);
    });

    it('refuses a plain key, an unknown role, no roles and a malformed hash, without echoing values', () => {
      const result = apiKeyEntries.safeParse([
        { id: 'a', keyHash: hash, roles: ['channel'], key: 'plain-secret' },
        { id: 'b', keyHash: hashApiKey('b'), roles: ['root'] },
        { id: 'c', keyHash: hashApiKey('c'), roles: [] },
        { id: 'd', keyHash: 'md5:abc', roles: ['ops'] },
      ]);

      expect(result.success).toBe(false);
      const paths = result.error!.issues.map((issue) => issue.path.join('.'));
      expect(paths).toEqual(['0', '1.roles.0', '2.roles', '3.keyHash']);
      expect(JSON.stringify(result.error!.issues.map((issue) => issue.message))).not.toContain('plain-secret');
    });

    it('refuses duplicate ids and duplicate hashes', () => {
      const result = apiKeyEntries.safeParse([
        { id: 'shop-1', keyHash: hash, roles: ['channel'] },
        { id: 'shop-1', keyHash: hashApiKey('other'), roles: ['channel'] },
        { id: 'shop-2', keyHash: hash, roles: ['channel'] },
      ]);

      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['1.id', '2.keyHash']);
    });
  });
});
