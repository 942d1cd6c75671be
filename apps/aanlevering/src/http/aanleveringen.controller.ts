import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConsumes, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiParam, ApiQuery, ApiServiceUnavailableResponse, ApiTags, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { BestandFout, leesRecords } from '@bron/aanlevering-domein';
import { laadInstellingen } from '@bron/adapters';
import {
  FoutAntwoord, GeauthenticeerdeInstelling, InstellingToegang, JsonLogger, ServiceRuntime, stuurJson, weigerVerzoek, type Sleutelhouder,
} from '@bron/infra';
import { KafkaJSError } from 'kafkajs';
import { AanleverBatchVerzender } from './aanlever-batch.verzender';
import { BatchRepository } from './batch.repository';
import { bestandsformaatVan } from './bestandsformaat';
import { geldigBatchId, geldigeBestandsnaam, paginaVan } from './parameters';
import { VerzoekFout } from './verzoek-fout';

/**
 * The HTTP entry of the intake (docs/aanlevering.md, "HTTP"). The API key alone decides the
 * instelling. The request and response are used directly (no body parser) so that a file of any
 * size streams from the socket to the intake topic.
 */
@ApiTags('aanleveringen')
@Controller('aanleveringen')
@InstellingToegang()
export class AanleveringenController {
  private readonly aangesloten: ReadonlySet<string>;

  constructor(
    runtime: ServiceRuntime,
    private readonly batches: BatchRepository,
    private readonly verzender: AanleverBatchVerzender,
    private readonly logger: JsonLogger,
  ) {
    this.aangesloten = new Set(laadInstellingen({ ...process.env, ...runtime.config.env }));
  }

  /** The file as the body; 202 once every record and the closing message are on the intake topic. */
  @Post()
  @ApiOperation({ summary: 'Lever een bestand aan (CSV of JSON Lines); 202 zodra elk record op het intake-topic staat' })
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({ description: 'the aanleverbestand (docs/aanlevering.md)', schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'batchId', required: false, description: 'letters, digits, . _ ~ -; a new uuid when left out' })
  @ApiQuery({ name: 'bestandsnaam', required: false })
  @ApiQuery({ name: 'formaat', required: false, enum: ['csv', 'jsonl'] })
  @ApiAcceptedResponse({ description: 'every record is on the intake topic; the answers follow' })
  @ApiBadRequestResponse({ type: FoutAntwoord, description: 'a bad parameter or an unreadable file' })
  @ApiForbiddenResponse({ type: FoutAntwoord, description: 'the instelling of the key is not aangesloten' })
  @ApiUnsupportedMediaTypeResponse({ type: FoutAntwoord })
  @ApiServiceUnavailableResponse({ type: FoutAntwoord, description: 'Kafka did not take the batch; deliver it again with the same batchId' })
  async leverAan(@Req() req: IncomingMessage, @Res() res: ServerResponse, @GeauthenticeerdeInstelling() houder: Sleutelhouder): Promise<void> {
    let batchId: string | undefined;
    try {
      const { instelling, sleutelId } = houder;
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
  @ApiOperation({ summary: 'Hoe ver een batch van de instelling van de sleutel is, met de antwoorden per pagina' })
  @ApiParam({ name: 'batchId' })
  @ApiQuery({ name: 'vanaf', required: false, description: 'first recordnummer (default 1)' })
  @ApiQuery({ name: 'aantal', required: false, description: 'records per page (default 1000, at most 10000)' })
  @ApiOkResponse({ description: 'the batch status and a page of answers' })
  @ApiBadRequestResponse({ type: FoutAntwoord })
  @ApiNotFoundResponse({ type: FoutAntwoord, description: 'no such batch of this instelling (also for another instelling\'s batch)' })
  async batch(@Param('batchId') batchId: string, @Req() req: IncomingMessage, @Res() res: ServerResponse, @GeauthenticeerdeInstelling() houder: Sleutelhouder): Promise<void> {
    try {
      const { instelling } = houder;
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

  private weiger(req: IncomingMessage, res: ServerResponse, error: unknown, batchId?: string): void {
    if (req.destroyed && !req.complete) {
      // The sender went away mid-file: what was sent stays unclosed until the batch is delivered again.
      this.logger.event('warn', 'aanlevering afgebroken door de afzender', { batchId, error: (error as Error).message }, AanleveringenController.name);
      return;
    }
    if (error instanceof VerzoekFout) {
      // Not reading the rest of a refused file: the connection closes after the answer.
      weigerVerzoek(req, res, error);
      return;
    }
    if (!req.complete) res.setHeader('Connection', 'close');
    if (error instanceof BestandFout) {
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
