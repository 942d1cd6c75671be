import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import type { ServiceConfig } from '../config';
import { JsonLogger } from '../logging/json-logger';
import { SERVICE_CONFIG } from '../platform.module';
import { sleutelhouderVan } from './instelling-toegang';
import { Raadplegingen, type Raadplegingsuitkomst } from './raadpleging.repository';
import { VerzoekFout, weigerVerzoek } from './verzoek-fout';

/** The request as Express gives it to a filter: its route parameters and query already read. */
type Verzoek = IncomingMessage & { params?: Record<string, string>; query?: Record<string, unknown> };

/** A refusal of an individual query, with the reason the audit keeps (the message is for the sender). */
export class GeweigerdVerzoek extends VerzoekFout {
  constructor(status: number, message: string, readonly reden: string) {
    super(status, message);
  }
}

const UITKOMST: Record<number, Raadplegingsuitkomst> = { 400: 'ONGELDIG', 401: 'NIET_GEAUTHENTICEERD', 403: 'GEWEIGERD', 404: 'GEWEIGERD', 500: 'MISLUKT' };

/**
 * `@UseFilters(RaadplegingAuditFilter)` on a controller of individual data (D7): every query that
 * is not answered goes into the audit (toegang.raadpleging) before the refusal is sent: a missing
 * or bad key (401, from the guard), a bad request (400), a refusal (403, 404), a failure of the
 * service (500, `MISLUKT`, no data). The person and crebo are the request's own `persoonsnummer`
 * parameter and `crebo` query, when it has them. The refusal is sent even when the audit cannot be
 * written (that is logged, without the persoonsnummer).
 */
@Catch()
export class RaadplegingAuditFilter implements ExceptionFilter {
  constructor(
    private readonly raadplegingen: Raadplegingen,
    private readonly logger: JsonLogger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<Observable<never> | void> {
    if (host.getType() !== 'http') return throwError(() => error);
    if (!(error instanceof VerzoekFout)) this.logger.event('error', 'vraag om individuele gegevens mislukt', { error: (error as Error)?.message }, RaadplegingAuditFilter.name);
    const fout = error instanceof VerzoekFout ? error : new VerzoekFout(500, 'interne fout: de gegevens konden niet worden bepaald');
    const req = host.switchToHttp().getRequest<Verzoek>();
    const houder = sleutelhouderVan(req);
    const crebo = typeof req.query?.crebo === 'string' ? req.query.crebo : null;
    try {
      await this.raadplegingen.registreer({
        service: this.config.service, instelling: houder?.instelling ?? null, sleutelId: houder?.sleutelId ?? null,
        gevraagdeInstelling: req.params?.brin ?? null, persoonsnummer: req.params?.persoonsnummer ?? null, crebo,
        uitkomst: UITKOMST[fout.status] ?? 'MISLUKT', httpStatus: fout.status, reden: fout instanceof GeweigerdVerzoek ? fout.reden : fout.message,
      });
    } catch (schrijffout) {
      this.logger.event('error', 'raadpleging niet vastgelegd', { status: fout.status, error: (schrijffout as Error).message }, RaadplegingAuditFilter.name);
    }
    weigerVerzoek(req, host.switchToHttp().getResponse<ServerResponse>(), fout);
  }
}
