import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { BestandFout, leesRecords } from '@bron/aanlevering-domein';
import { laadInstellingen } from '@bron/adapters';
import { JsonLogger, ServiceRuntime } from '@bron/infra';
import { KafkaJSError } from 'kafkajs';
import { ApiSleutelRepository, type Sleutelhouder } from '../api-sleutel/api-sleutel.repository';
import { AanleverBatchVerzender } from './aanlever-batch.verzender';
import { apiSleutelUitHeaders } from './api-sleutel-header';
import { BatchRepository } from './batch.repository';
import { bestandsformaatVan } from './bestandsformaat';
import { geldigBatchId, geldigeBestandsnaam, paginaVan } from './parameters';
import { VerzoekFout } from './verzoek-fout';

/**
 * The HTTP entry of the intake (docs/aanlevering.md, "HTTP"). The API key alone decides the
 * instelling. The request and response are used directly (no body parser) so that a file of any
 * size streams from the socket to the intake topic.
 */
@Controller('aanleveringen')
export class AanleveringenController {
  private readonly aangesloten: ReadonlySet<string>;

  constructor(
    runtime: ServiceRuntime,
    private readonly sleutels: ApiSleutelRepository,
    private readonly batches: BatchRepository,
    private readonly verzender: AanleverBatchVerzender,
    private readonly logger: JsonLogger,
  ) {
    this.aangesloten = new Set(laadInstellingen({ ...process.env, ...runtime.config.env }));
  }

  /** The file as the body; 202 once every record and the closing message are on the intake topic. */
  @Post()
  async leverAan(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    let batchId: string | undefined;
    try {
      const { instelling, sleutelId } = await this.houder(req);
      if (!this.aangesloten.has(instelling)) throw new VerzoekFout(403, `instelling ${instelling} is niet aangesloten op de aanlevering`);
      const query = queryVan(req);
      const formaat = bestandsformaatVan(req.headers['content-type'], query.get('formaat'));
      batchId = geldigBatchId(query.get('batchId') ?? randomUUID());
      const bestandsnaam = geldigeBestandsnaam(query.get('bestandsnaam'));

      const aantalRecords = await this.verzender.verzend(instelling, batchId, bestandsnaam, leesRecords(req, formaat));
      await this.batches.registreerOntvangst(instelling, batchId, sleutelId, bestandsnaam, aantalRecords);
      this.logger.event('info', 'aanlevering ontvangen', { instelling, batchId, aantalRecords, sleutelId }, AanleveringenController.name);
      const self = `/aanleveringen/${batchId}`;
      res.setHeader('Location', self);
      stuurJson(res, 202, { batchId, instelling, aantalRecords, status: 'IN_BEHANDELING', links: { self } });
    } catch (error) {
      this.weiger(req, res, error, batchId);
    }
  }

  /** How far a batch of the key's instelling is, with its answers a page at a time. */
  @Get(':batchId')
  async batch(@Param('batchId') batchId: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    try {
      const { instelling } = await this.houder(req);
      const query = queryVan(req);
      const pagina = paginaVan(query.get('vanaf'), query.get('aantal'));
      // Unknown and another instelling's batch look the same: nobody learns that a batch exists.
      const batch = await this.batches.status(instelling, geldigBatchId(batchId), pagina);
      if (!batch) throw new VerzoekFout(404, `batch ${batchId} is niet bekend bij instelling ${instelling}`);
      const { volgende, ...rest } = batch;
      const self = `/aanleveringen/${batchId}`;
      res.setHeader('Cache-Control', 'no-store');
      stuurJson(res, 200, { ...rest, links: volgende === null ? { self } : { self, volgende: `${self}?vanaf=${volgende}&aantal=${pagina.aantal}` } });
    } catch (error) {
      this.weiger(req, res, error);
    }
  }

  private async houder(req: IncomingMessage): Promise<Sleutelhouder> {
    const houder = await this.sleutels.houderVan(apiSleutelUitHeaders(req.headers.authorization, req.headers['x-api-key']));
    if (!houder) throw new VerzoekFout(401, 'onbekende of ingetrokken API-sleutel');
    return houder;
  }

  private weiger(req: IncomingMessage, res: ServerResponse, error: unknown, batchId?: string): void {
    if (req.destroyed && !req.complete) {
      // The sender went away mid-file: what was sent stays unclosed until the batch is delivered again.
      this.logger.event('warn', 'aanlevering afgebroken door de afzender', { batchId, error: (error as Error).message }, AanleveringenController.name);
      return;
    }
    // Not reading the rest of a refused file: the connection closes after the answer.
    if (!req.complete) res.setHeader('Connection', 'close');
    if (error instanceof VerzoekFout) {
      if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      stuurJson(res, error.status, { fout: error.message });
    } else if (error instanceof BestandFout) {
      stuurJson(res, 400, { fout: `het bestand is niet aangeleverd: ${error.message}` });
    } else {
      const kafka = error instanceof KafkaJSError;
      this.logger.event('error', 'aanlevering mislukt', { batchId, error: (error as Error).message }, AanleveringenController.name);
      const opnieuw = batchId ? `; lever het bestand opnieuw aan met batchId=${batchId}` : '';
      const fout = kafka ? `de aanlevering kon niet worden doorgegeven${opnieuw}` : `interne fout${opnieuw}`;
      stuurJson(res, kafka ? 503 : 500, batchId ? { fout, batchId } : { fout });
    }
  }
}

function queryVan(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

function stuurJson(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
