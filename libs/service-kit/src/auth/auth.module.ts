import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyStore } from './api-keys';
import { AUTHENTICATION, AuthGuard, type Authentication } from './auth.guard';
import type { AuthSettings } from './auth.settings';
import { Authenticator } from './authenticator';
import { createJwtVerifier } from './jwt-verifier';

export type AuthModuleSettings = AuthSettings & { SERVICE_NAME: string };

class AuthModeReport implements OnApplicationBootstrap {
  constructor(@Inject(AUTHENTICATION) private readonly authentication: Authentication) {}

  onApplicationBootstrap(): void {
    if (this.authentication.mode === 'disabled') {
      new Logger('Auth').warn('AUTH_MODE=disabled: every HTTP request is served as admin "anonymous"; never run like this outside local development');
    }
  }
}

/** Registers the global `AuthGuard` configured by the AUTH_* settings. ServiceKitModule imports it. */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthModuleSettings): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTHENTICATION, useValue: authenticationFrom(settings) },
        { provide: APP_GUARD, useClass: AuthGuard },
        AuthModeReport,
      ],
      exports: [AUTHENTICATION],
    };
  }
}

function authenticationFrom(settings: AuthModuleSettings): Authentication {
  if (settings.AUTH_MODE === 'disabled') return { mode: 'disabled' };
  const { AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience } = settings;
  return {
    mode: 'enforce',
    authenticator: new Authenticator({
      realm: settings.SERVICE_NAME,
      // The base configuration requires all three together.
      verifyJwt:
        jwksUrl !== undefined && issuer !== undefined && audience !== undefined
          ? createJwtVerifier({ jwksUrl, issuer, audience, rolesClaim: settings.AUTH_ROLES_CLAIM })
          : undefined,
      apiKeys: new ApiKeyStore(settings.AUTH_API_KEYS ?? []),
    }),
  };
}
