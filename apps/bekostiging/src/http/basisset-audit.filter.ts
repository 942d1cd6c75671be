import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { JsonLogger, Raadplegingen, VerzoekFout, sleutelhouderVan, weigerVerzoek, type Raadplegingsuitkomst } from '@bron/infra';
import { throwError, type Observable } from 'rxjs';

/** The request as Express gives it to a filter: its route parameters and query already read. */
type Verzoek = IncomingMessage & { params?: Record<string, string>; query?: Record<string, unknown> };

/** A refusal of a basisset query, with the reason the audit keeps (the message is for the sender). */
export class BasissetGeweigerd extends VerzoekFout {
  constructor(status: number, message: string, readonly reden: string) {
    super(status, message);
  }
}

const UITKOMST: Record<number, Raadplegingsuitkomst> = { 400: 'ONGELDIG', 401: 'NIET_GEAUTHENTICEERD', 403: 'GEWEIGERD', 500: 'MISLUKT' };

/**
 * Every basisset query that is not answered goes into the audit before the refusal is sent: a
 * missing or bad key (401, from the guard), a bad request (400), a refusal (403), a failure of the
 * service (500, `MISLUKT`, no data). The refusal is sent even when the audit cannot be written
 * (that is logged, without the persoonsnummer).
 */
@Catch()
export class BasissetAuditFilter implements ExceptionFilter {
  constructor(private readonly raadplegingen: Raadplegingen, private readonly logger: JsonLogger) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<Observable<never> | void> {
    if (host.getType() !== 'http') return throwError(() => error);
    if (!(error instanceof VerzoekFout)) this.logger.event('error', 'basisset-vraag mislukt', { error: (error as Error)?.message }, BasissetAuditFilter.name);
    const fout = error instanceof VerzoekFout ? error : new VerzoekFout(500, 'interne fout: de basisset kon niet worden bepaald');
    const req = host.switchToHttp().getRequest<Verzoek>();
    const houder = sleutelhouderVan(req);
    const crebo = typeof req.query?.crebo === 'string' ? req.query.crebo : null;
    try {
      await this.raadplegingen.registreer({
        service: 'bekostiging', instelling: houder?.instelling ?? null, sleutelId: houder?.sleutelId ?? null,
        gevraagdeInstelling: req.params?.brin ?? null, persoonsnummer: req.params?.persoonsnummer ?? null, crebo,
        uitkomst: UITKOMST[fout.status] ?? 'MISLUKT', httpStatus: fout.status, reden: fout instanceof BasissetGeweigerd ? fout.reden : fout.message,
      });
    } catch (schrijffout) {
      this.logger.event('error', 'raadpleging niet vastgelegd', { status: fout.status, error: (schrijffout as Error).message }, BasissetAuditFilter.name);
    }
    weigerVerzoek(req, host.switchToHttp().getResponse<ServerResponse>(), fout);
  }
}
