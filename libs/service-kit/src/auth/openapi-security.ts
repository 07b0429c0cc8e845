import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from './auth.decorators';

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Declares the bearer and API key schemes and states each operation's security: none for
 * `@Public` ones, its own where a decorator set it (`@SignedWebhook`), else a bearer token or an
 * API key, with the 401 and 403 answers that go with them.
 */
export function applyOpenApiSecurity(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    securitySchemes: {
      ...document.components?.securitySchemes,
      [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'OAuth2/OIDC access token; roles from the configured claim' },
      [API_KEY_SCHEME]: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Also accepted as `Authorization: ApiKey <key>`' },
    },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = path[method] as (NonNullable<typeof path.get> & Record<string, unknown>) | undefined;
      if (operation === undefined) continue;
      if (operation[PUBLIC_OPERATION_EXTENSION] === true) {
        delete operation[PUBLIC_OPERATION_EXTENSION];
        operation.security = [];
        continue;
      }
      if (operation.security !== undefined) continue;
      operation.security = [{ [BEARER_SCHEME]: [] }, { [API_KEY_SCHEME]: [] }];
      operation.responses['401'] ??= { description: 'Missing or invalid credentials: a problem document (AUTH.UNAUTHENTICATED), with WWW-Authenticate' };
      operation.responses['403'] ??= { description: 'The caller lacks the required role: a problem document (AUTH.FORBIDDEN)' };
    }
  }
  return document;
}
