import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Role } from './roles';

/** One client's API key, stored as its hash only. */
export interface ApiKeyEntry {
  /** Names the client in logs and audit records, e.g. `shop-1`. */
  id: string;
  /** `sha256:<hex>` of the key, as `hashApiKey` writes it. */
  keyHash: string;
  roles: readonly Role[];
}

const KEY_HASH = /^sha256:[0-9a-f]{64}$/i;

/** The shape of AUTH_API_KEYS (and its file); unknown members, a plain `key` above all, are refused. */
export const apiKeyEntries = z
  .array(
    z.strictObject({
      id: z.string().min(1),
      keyHash: z.string().regex(KEY_HASH, 'must be sha256:<64 hex digits>').transform((hash) => hash.toLowerCase()),
      roles: z.array(z.enum(ROLES)).min(1, 'must grant at least one role'),
    }),
  )
  .superRefine((entries, ctx) => {
    for (const key of ['id', 'keyHash'] as const) {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (seen.has(entry[key])) ctx.addIssue({ code: 'custom', path: [index, key], message: `duplicates an earlier entry's ${key}` });
        seen.add(entry[key]);
      });
    }
  });

/**
 * `sha256:<hex>` of an API key. Keys are random and long (32 bytes), so a plain SHA-256 suffices;
 * a slow password hash would only slow every request down.
 */
export function hashApiKey(key: string): string {
  return `sha256:${sha256(key).toString('hex')}`;
}

/** Finds the entry whose hash matches a presented key, comparing in constant time. */
export class ApiKeyStore {
  private readonly entries: readonly { entry: ApiKeyEntry; digest: Buffer }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.entries = entries.map((entry) => ({ entry, digest: Buffer.from(entry.keyHash.slice('sha256:'.length), 'hex') }));
  }

  get size(): number {
    return this.entries.length;
  }

  find(presentedKey: string): ApiKeyEntry | undefined {
    const digest = sha256(presentedKey);
    let match: ApiKeyEntry | undefined;
    // Every entry is compared, so the time taken does not reveal where a match sits.
    for (const { entry, digest: stored } of this.entries) {
      if (timingSafeEqual(stored, digest) && match === undefined) match = entry;
    }
    return match;
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
