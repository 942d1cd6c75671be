import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { ApiProperty } from '@nestjs/swagger';

/** A request the service refuses, with its HTTP status and a Dutch message for the sender. */
export class VerzoekFout extends Error {
  override readonly name = 'VerzoekFout';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body of every refusal of every service: `{ "fout": "<Dutch message>" }` (OpenAPI: `FoutAntwoord`). */
export class FoutAntwoord {
  @ApiProperty({ description: 'why the request was refused, in Dutch', example: 'onbekende of ingetrokken API-sleutel' })
  fout!: string;
}

/** Writes a JSON answer on a plain Node response (what the services' controllers answer with). */
export function stuurJson(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** Answers a VerzoekFout as `FoutAntwoord`; a 401 names the scheme, and a request whose body was not read is closed. */
export function weigerVerzoek(req: IncomingMessage, res: ServerResponse, fout: VerzoekFout): void {
  if (!req.complete) res.setHeader('Connection', 'close');
  if (fout.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  stuurJson(res, fout.status, { fout: fout.message });
}

/**
 * Global in every service (`startService`): a VerzoekFout thrown by a guard or a handler becomes
 * its status and `FoutAntwoord`. A controller's own filter (an audit) comes first.
 */
@Catch(VerzoekFout)
export class VerzoekFoutFilter implements ExceptionFilter<VerzoekFout> {
  catch(fout: VerzoekFout, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'http') return throwError(() => fout);
    const http = host.switchToHttp();
    weigerVerzoek(http.getRequest<IncomingMessage>(), http.getResponse<ServerResponse>(), fout);
  }
}
