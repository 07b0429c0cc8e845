/** Why a request's credentials were refused; the 401 problem carries it as `reason`. */
export type AuthFailureReason =
  | 'missing'
  | 'ambiguous'
  | 'unsupported-scheme'
  | 'unknown-key'
  | 'malformed-token'
  | 'expired'
  | 'bad-signature'
  | 'untrusted-key'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-claims';

/**
 * Credentials that do not authenticate. `message` becomes the problem's `detail` and the
 * Bearer challenge's error_description, so it names the reason and never any secret; it holds
 * only printable ASCII without quotes or backslashes (RFC 6750 §3).
 */
export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';

  constructor(
    readonly reason: AuthFailureReason,
    message: string,
  ) {
    super(message);
  }

  /** The caller presented a bearer token (rather than nothing, or an API key). */
  get concernsToken(): boolean {
    return ['malformed-token', 'expired', 'bad-signature', 'untrusted-key', 'wrong-issuer', 'wrong-audience', 'invalid-claims'].includes(this.reason);
  }
}

/** The issuer's key set cannot be fetched: the credentials may be fine, this service cannot tell. */
export class KeySetUnavailable extends Error {
  override readonly name = 'KeySetUnavailable';
}
