import type { IncomingMessage } from 'node:http';
import {
  Global, Injectable, Module, UseGuards, applyDecorators, createParamDecorator,
  type CanActivate, type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ServiceRuntime } from '../service-runtime';
import { apiSleutelUitHeaders } from './api-sleutel-header';
import { ApiSleutelRepository, type Sleutelhouder } from './api-sleutel.repository';
import { Raadplegingen } from './raadpleging.repository';
import { openToegangDatabase } from './toegang-schema';
import { FoutAntwoord, VerzoekFout } from './verzoek-fout';

/** The names of the two ways a key may be sent, in the OpenAPI document. */
export const API_SLEUTEL_HEADER = 'api-sleutel';
export const API_SLEUTEL_BEARER = 'bearer';

type Verzoek = IncomingMessage & { bronSleutelhouder?: Sleutelhouder };

/** The key a request carries, and the instelling it belongs to; 401 for none, a malformed, unknown or revoked one. */
@Injectable()
export class InstellingToegangGuard implements CanActivate {
  constructor(private readonly sleutels: ApiSleutelRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Verzoek>();
    const houder = await this.sleutels.houderVan(apiSleutelUitHeaders(req.headers.authorization, req.headers['x-api-key']));
    if (!houder) throw new VerzoekFout(401, 'onbekende of ingetrokken API-sleutel');
    req.bronSleutelhouder = houder;
    return true;
  }
}

/**
 * On a controller or handler: only a request with a valid API key of an instelling gets in (401
 * otherwise, as `FoutAntwoord`). The instelling is the key's, never a BRIN the request names;
 * the handler gets it with `@Sleutelhouder()`.
 */
export const InstellingToegang = () =>
  applyDecorators(
    UseGuards(InstellingToegangGuard),
    ApiSecurity(API_SLEUTEL_HEADER),
    ApiBearerAuth(API_SLEUTEL_BEARER),
    ApiUnauthorizedResponse({ type: FoutAntwoord, description: 'geen, een onbekende of een ingetrokken API-sleutel' }),
  );

/** The authenticated instelling and key of a request behind `@InstellingToegang()`. */
export const GeauthenticeerdeInstelling = createParamDecorator((_: unknown, context: ExecutionContext): Sleutelhouder => {
  const houder = context.switchToHttp().getRequest<Verzoek>().bronSleutelhouder;
  if (!houder) throw new Error('@GeauthenticeerdeInstelling() zonder @InstellingToegang()');
  return houder;
});

/** The authenticated instelling of a request, if its guard already ran (for an audit of a refusal). */
export function sleutelhouderVan(req: IncomingMessage): Sleutelhouder | undefined {
  return (req as Verzoek).bronSleutelhouder;
}

/**
 * Shared HTTP access for every service that serves instellingen: the API keys and the audit, both
 * in the `toegang` schema (migrated when the service starts), and the guard. Global, so that a
 * service's HTTP modules use `@InstellingToegang()` without importing it.
 */
@Global()
@Module({
  providers: [
    {
      provide: ApiSleutelRepository,
      inject: [ServiceRuntime],
      useFactory: async (runtime: ServiceRuntime) => {
        // Its own connections only for the migrations; queries go through the service's pool.
        await (await openToegangDatabase(runtime.config.databaseUrl)).destroy();
        return new ApiSleutelRepository(runtime.dataSource);
      },
    },
    // After the keys: their factory migrates the schema the audit lives in.
    { provide: Raadplegingen, inject: [ServiceRuntime, ApiSleutelRepository], useFactory: (runtime: ServiceRuntime) => new Raadplegingen(runtime.dataSource) },
    InstellingToegangGuard,
  ],
  exports: [ApiSleutelRepository, Raadplegingen, InstellingToegangGuard],
})
export class ToegangModule {}
