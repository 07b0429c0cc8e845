import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenApiInfo } from '../service-kit.options';

/** Serves the API's OpenAPI document at `/openapi.json` and its interactive docs at `/docs`. */
export function setupOpenApi(app: INestApplication, info: OpenApiInfo): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(info.title).setDescription(info.description).setVersion(info.version).build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
}
