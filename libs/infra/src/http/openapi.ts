import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_SLEUTEL_BEARER, API_SLEUTEL_HEADER } from './instelling-toegang';

/** Where every service serves its OpenAPI document and the page that shows it. */
export const OPENAPI_PAD = '/openapi.json';
export const DOCS_PAD = '/docs';

/** The OpenAPI document of a service's HTTP endpoints, from its controllers' decorators. */
export function openApiDocument(app: INestApplication, service: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`bron-terugkoppeling: ${service}`)
    .setDescription(`The HTTP endpoints of the ${service} service. A refusal answers { "fout": "<Dutch message>" }.`)
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'the API key of an instelling (node tools/api-sleutel.js maak <BRIN>)' }, API_SLEUTEL_HEADER)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'the same API key as a bearer token' }, API_SLEUTEL_BEARER)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the document as `/openapi.json` and Swagger UI at `/docs`. */
export function serveerOpenApi(app: INestApplication, service: string): void {
  SwaggerModule.setup(DOCS_PAD.slice(1), app, () => openApiDocument(app, service), { jsonDocumentUrl: OPENAPI_PAD.slice(1), yamlDocumentUrl: 'openapi.yaml' });
}
