import 'reflect-metadata';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiSleutelRepository } from './api-sleutel.repository';
import { InstellingToegang, InstellingToegangGuard } from './instelling-toegang';
import { OPENAPI_PAD, serveerOpenApi } from './openapi';
import { VerzoekFoutFilter } from './verzoek-fout';

@Controller('voorbeeld')
@InstellingToegang()
class VoorbeeldController {
  @Get()
  @ApiOkResponse({ description: 'ok' })
  lees(): string {
    return 'ok';
  }
}

@Module({
  controllers: [VoorbeeldController],
  // No database here: the document only needs the guard to exist; every key is unknown.
  providers: [InstellingToegangGuard, { provide: ApiSleutelRepository, useValue: { houderVan: async () => undefined } }],
})
class VoorbeeldModule {}

describe('OpenAPI of a service', () => {
  let app: INestApplication;
  let basis: string;

  beforeAll(async () => {
    app = await NestFactory.create(VoorbeeldModule, { logger: false, bodyParser: false });
    app.useGlobalFilters(new VerzoekFoutFilter());
    serveerOpenApi(app, 'voorbeeld');
    await app.init();
    await app.listen(0, '127.0.0.1');
    basis = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(() => app?.close());

  it('serves the document at /openapi.json, with the key as security and 401 as FoutAntwoord', async () => {
    const antwoord = await fetch(`${basis}${OPENAPI_PAD}`);
    expect(antwoord.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const document = (await antwoord.json()) as Record<string, any>;
    expect(document.info.title).toBe('bron-terugkoppeling: voorbeeld');
    const operatie = document.paths['/voorbeeld'].get;
    expect(Object.keys(operatie.responses).sort()).toEqual(['200', '401']);
    expect(operatie.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/FoutAntwoord' });
    expect(operatie.security).toEqual(expect.arrayContaining([{ 'api-sleutel': [] }, { bearer: [] }]));
    expect(document.components.securitySchemes['api-sleutel']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }));
  });

  it('refuses a request without a known key with 401 as FoutAntwoord (the global filter)', async () => {
    const antwoord = await fetch(`${basis}/voorbeeld`, { headers: { 'X-API-Key': 'geheim' } });
    expect(antwoord.status).toBe(401);
    expect(antwoord.headers.get('www-authenticate')).toBe('Bearer');
    expect(await antwoord.json()).toEqual({ fout: 'onbekende of ingetrokken API-sleutel' });
  });

  it('shows the document at /docs', async () => {
    expect((await fetch(`${basis}/docs`)).status).toBe(200);
  });
});
