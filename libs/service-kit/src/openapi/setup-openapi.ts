import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { applyOpenApiSecurity } from '../auth/openapi-security';
import type { OpenApiInfo } from '../service-kit.options';

/**
 * Serves the API's OpenAPI document at `/openapi.json` and its interactive docs at `/docs`, with
 * each operation's security. Both are served outside Nest's router, so no guard applies to them.
 */
export function setupOpenApi(app: INestApplication, info: OpenApiInfo): void {
  const document = applyOpenApiSecurity(
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(info.title).setDescription(info.description).setVersion(info.version).build()),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
}
