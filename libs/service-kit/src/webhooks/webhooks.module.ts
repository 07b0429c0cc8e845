import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { AuthSettings } from '../auth/auth.settings';
import { ConfigError } from '../config/config.error';
import { SIGNED_WEBHOOK, type SignedWebhookRoute } from './signed-webhook.route';
import { WEBHOOK_VERIFICATION, WebhookSignatureGuard, type WebhookVerificationSettings } from './webhook-signature.guard';
import type { WebhookSettings } from './webhook.settings';

export type WebhooksModuleSettings = WebhookSettings & Pick<AuthSettings, 'AUTH_MODE'>;

/** Refuses to start when a `@SignedWebhook` source has no secrets, rather than refusing its every request. */
@Injectable()
class WebhookSecretsCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(WEBHOOK_VERIFICATION) private readonly verification: WebhookVerificationSettings,
  ) {}

  onModuleInit(): void {
    if (this.verification.mode === 'disabled') return;
    const configured = this.verification.secrets;
    const missing = new Set<string>();
    for (const { instance, metatype } of this.discovery.getControllers()) {
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const route = this.reflector.getAllAndOverride<SignedWebhookRoute | undefined>(SIGNED_WEBHOOK, [prototype[name], metatype]);
        if (route !== undefined && configured[route.source] === undefined) missing.add(route.source);
      }
    }
    if (missing.size > 0) {
      throw new ConfigError([...missing].map((source) => ({ setting: 'WEBHOOK_SECRETS', reason: `has no secrets for webhook source "${source}" (used by @SignedWebhook)` })));
    }
  }
}

/** Provides what `@SignedWebhook` routes need: the secrets per source (WEBHOOK_SECRETS). ServiceKitModule imports it. */
@Module({})
export class WebhooksModule {
  static forRoot(settings: WebhooksModuleSettings): DynamicModule {
    const verification: WebhookVerificationSettings =
      settings.AUTH_MODE === 'disabled' ? { mode: 'disabled' } : { mode: 'enforce', secrets: settings.WEBHOOK_SECRETS ?? {} };
    return {
      module: WebhooksModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [{ provide: WEBHOOK_VERIFICATION, useValue: verification }, WebhookSignatureGuard, WebhookSecretsCheck],
      exports: [WEBHOOK_VERIFICATION, WebhookSignatureGuard],
    };
  }
}
