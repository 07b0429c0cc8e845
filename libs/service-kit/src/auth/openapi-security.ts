import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from './auth.decorators';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type SecuritySchemeObject = Extract<NonNullable<NonNullable<OpenAPIObject['components']>['securitySchemes']>[string], { type: string }>;

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';
export const WEBHOOK_SIGNATURE_SCHEME = 'webhookSignature';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const SCHEMES: Record<string, SecuritySchemeObject> = {
  [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'OAuth2/OIDC access token; roles from the configured claim' },
  [API_KEY_SCHEME]: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Also accepted as `Authorization: ApiKey <key>`' },
};
const WEBHOOK_SIGNATURE: SecuritySchemeObject = {
  type: 'apiKey',
  in: 'header',
  name: 'X-Signature',
  description: 't=<unix seconds>,v1=<hex>: HMAC-SHA256 of "<t>.<raw body>" with the secret shared with the sender',
};

/**
 * Declares the bearer and API key schemes (and the webhook signature, when a route uses it) and
 * states each operation's security: none for `@Public` ones, its own where a decorator set it
 * (`@SignedWebhook`), else a bearer token or an API key, with the 401 and 403 answers that go
 * with them.
 */
export function applyOpenApiSecurity(document: OpenAPIObject): OpenAPIObject {
  const operations = Object.values(document.paths).flatMap((path) => HTTP_METHODS.map((method) => path[method]).filter((operation) => operation !== undefined));
  operations.forEach(secure);
  const signedWebhooks = operations.some((operation) => operation.security?.some((requirement) => WEBHOOK_SIGNATURE_SCHEME in requirement));
  document.components = {
    ...document.components,
    securitySchemes: { ...document.components?.securitySchemes, ...SCHEMES, ...(signedWebhooks ? { [WEBHOOK_SIGNATURE_SCHEME]: WEBHOOK_SIGNATURE } : {}) },
  };
  return document;
}

function secure(operation: OperationObject): void {
  if (Reflect.get(operation, PUBLIC_OPERATION_EXTENSION) === true) {
    Reflect.deleteProperty(operation, PUBLIC_OPERATION_EXTENSION);
    operation.security = [];
    return;
  }
  if (operation.security !== undefined) return;
  operation.security = [{ [BEARER_SCHEME]: [] }, { [API_KEY_SCHEME]: [] }];
  operation.responses['401'] ??= { description: 'Missing or invalid credentials: a problem document (AUTH.UNAUTHENTICATED), with WWW-Authenticate' };
  operation.responses['403'] ??= { description: 'The caller lacks the required role: a problem document (AUTH.FORBIDDEN)' };
}
