import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { schrijfFotoCsv, schrijfFotoJson, schrijfFotoTbgi, schrijfFotoXlsx, FOTO_DELEN, type FotoDeel } from '@bron/adapters';
import { isGeldigeBrin, verschillenlijst, type BronFoto, type Verschillenlijst } from '@bron/domein';
import {
  FoutAntwoord, GeauthenticeerdeInstelling, GeweigerdVerzoek, InstellingToegang, RaadplegingAuditFilter, Raadplegingen, ServiceRuntime, stuurJson, VerzoekFout,
  type Sleutelhouder,
} from '@bron/infra';
import { aankondiging, FotoMaker, MomentNietStabiel } from '../fotos/foto-maker';
import { fotoMomentVan, OngeldigeFotoAanvraag } from '../fotos/foto-aanvraag';
import { Fotos, type FotoKop } from '../fotos/foto.repository';
import { FOTO_PLANNING } from '../planning/fotoplanner';
import type { FotoPlanning } from '../planning/fotokalender';
import { FORMAAT_BESTAND, FOTO_FORMATEN, isFotoFormaat } from './foto-formaten';

/** One text for a foto that is not there and a foto of another instelling: nothing says the other exists (D7). */
const ONBEKENDE_FOTO = 'deze instelling heeft geen foto met dit id';

const enkel = (waarde: string | string[] | undefined, naam: string): string | undefined => {
  if (Array.isArray(waarde)) throw new VerzoekFout(400, `geef hoogstens één ${naam} mee`);
  return waarde;
};

/**
 * The foto's of an instelling over HTTP (docs/foto.md), for that instelling only: its key decides
 * the instelling, the BRIN in the path must be that one, and a foto of another instelling is
 * "not found". Every fetch of a foto's content, answered or refused, is recorded in the audit
 * (toegang.raadpleging).
 */
@ApiTags('foto')
@Controller('instellingen/:brin/fotos')
@InstellingToegang()
@UseFilters(RaadplegingAuditFilter)
export class FotoController {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly maker: FotoMaker,
    private readonly fotos: Fotos,
    private readonly raadplegingen: Raadplegingen,
    @Inject(FOTO_PLANNING) private readonly planning: FotoPlanning,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Een foto op verzoek (soort OP_VERZOEK, status O): wat bekend was op het moment (standaard: nu), van de peildatum' })
  @ApiParam({ name: 'brin', example: '25LX' })
  @ApiQuery({ name: 'peildatum', description: '1 oktober van het studiejaar, JJJJ-10-01', example: '2016-10-01' })
  @ApiQuery({ name: 'moment', required: false, description: 'ISO-tijdstip met tijdzone, niet in de toekomst; standaard nu' })
  @ApiCreatedResponse({ description: 'de foto is gemaakt; de aankondiging (FotoGemaakt) staat ook op instelling.<BRIN>.foto.v1' })
  @ApiOkResponse({ description: 'de foto van dit moment bestond al' })
  @ApiBadRequestResponse({ type: FoutAntwoord })
  @ApiForbiddenResponse({ type: FoutAntwoord })
  async vraagAan(
    @Param('brin') brin: string,
    @Query('peildatum') peildatum: string | string[] | undefined,
    @Query('moment') moment: string | string[] | undefined,
    @GeauthenticeerdeInstelling() houder: Sleutelhouder,
    @Res() res: ServerResponse,
  ): Promise<void> {
    this.eigen(brin, houder);
    const gevraagd = enkel(peildatum, 'peildatum');
    if (gevraagd === undefined) throw new VerzoekFout(400, 'geef de peildatum mee (?peildatum=JJJJ-10-01)');
    const stabiel = await this.maker.stabielTot();
    const aanvraagId = randomUUID();
    const { kop, nieuw } = await this.runtime.dataSource.transaction(async (manager) => {
      try {
        const fotoMoment = fotoMomentVan({ instelling: brin, soort: 'OP_VERZOEK', peildatum: gevraagd, bekendOp: enkel(moment, 'moment') ?? null }, stabiel, this.planning.kalender);
        return await this.maker.maak(manager, fotoMoment, stabiel, { aanvraagId, oorzaak: { metadata: { eventId: aanvraagId, eventType: 'http', eventTime: new Date().toISOString(), correlationId: aanvraagId, causationId: aanvraagId, origin: `aanvraag:${brin}` } } });
      } catch (error) {
        if (error instanceof OngeldigeFotoAanvraag || error instanceof MomentNietStabiel) throw new VerzoekFout(400, error.message);
        throw error;
      }
    });
    stuurJson(res, nieuw ? 201 : 200, aankondiging(kop, aanvraagId));
  }

  @Get()
  @ApiOperation({ summary: 'De foto\'s van de instelling (aankondigingen, zonder inhoud), oudste moment eerst' })
  @ApiParam({ name: 'brin', example: '25LX' })
  @ApiQuery({ name: 'peildatum', required: false })
  @ApiOkResponse({ description: '{ fotos: FotoGemaakt[] }' })
  async lijst(
    @Param('brin') brin: string,
    @Query('peildatum') peildatum: string | string[] | undefined,
    @GeauthenticeerdeInstelling() houder: Sleutelhouder,
    @Res() res: ServerResponse,
  ): Promise<void> {
    this.eigen(brin, houder);
    const gevraagd = enkel(peildatum, 'peildatum');
    if (gevraagd !== undefined && !/^\d{4}-10-01$/.test(gevraagd)) throw new VerzoekFout(400, `de peildatum moet 1 oktober zijn (JJJJ-10-01), niet '${gevraagd}'`);
    const koppen = await this.fotos.vanInstelling(this.runtime.dataSource.manager, brin, gevraagd);
    stuurJson(res, 200, { fotos: koppen.map((k) => aankondiging(k, null)) });
  }

  @Get(':fotoId')
  @ApiOperation({ summary: 'De inhoud van een foto in een bestandsformaat: json, csv (een deel per bestand), xlsx (alle delen) of tbgi (XML)' })
  @ApiParam({ name: 'brin', example: '25LX' })
  @ApiParam({ name: 'fotoId', description: 'het fotoId uit de aankondiging' })
  @ApiQuery({ name: 'formaat', required: false, enum: FOTO_FORMATEN, description: 'standaard json' })
  @ApiQuery({ name: 'deel', required: false, enum: FOTO_DELEN, description: 'csv: welk deel (standaard studenten)' })
  @ApiQuery({ name: 'vergelijkMet', required: false, description: 'csv deel verschillen en xlsx: het fotoId om mee te vergelijken (standaard de vorige foto van dezelfde peildatum)' })
  @ApiProduces(...Object.values(FORMAAT_BESTAND).map((f) => f.contentType))
  @ApiOkResponse({ description: 'het bestand; ETag is de checksum van de foto' })
  @ApiBadRequestResponse({ type: FoutAntwoord })
  @ApiNotFoundResponse({ type: FoutAntwoord })
  async bestand(
    @Param('brin') brin: string,
    @Param('fotoId') fotoId: string,
    @Query('formaat') formaatParam: string | string[] | undefined,
    @Query('deel') deelParam: string | string[] | undefined,
    @Query('vergelijkMet') vergelijkMet: string | string[] | undefined,
    @GeauthenticeerdeInstelling() houder: Sleutelhouder,
    @Res() res: ServerResponse,
  ): Promise<void> {
    this.eigen(brin, houder);
    const formaat = enkel(formaatParam, 'formaat') ?? 'json';
    if (!isFotoFormaat(formaat)) throw new VerzoekFout(400, `formaat moet een van ${FOTO_FORMATEN.join(', ')} zijn, niet '${formaat}'`);
    const deel = (enkel(deelParam, 'deel') ?? 'studenten') as FotoDeel;
    if (!FOTO_DELEN.includes(deel)) throw new VerzoekFout(400, `deel moet een van ${FOTO_DELEN.join(', ')} zijn, niet '${deel}'`);
    if (deelParam !== undefined && formaat !== 'csv') throw new VerzoekFout(400, 'deel geldt alleen voor formaat csv (xlsx heeft alle delen als bladen)');
    const { kop, foto } = await this.eigenFoto(brin, fotoId);
    const verschillen = (formaat === 'csv' && deel === 'verschillen') || formaat === 'xlsx' ? await this.verschillen(brin, kop, foto, enkel(vergelijkMet, 'vergelijkMet')) : undefined;
    await this.raadplegingen.registreer({
      service: 'foto', instelling: houder.instelling, sleutelId: houder.sleutelId, gevraagdeInstelling: brin, persoonsnummer: null, crebo: null,
      uitkomst: 'BEANTWOORD', httpStatus: 200, reden: `foto ${formaat}`,
    });
    const { contentType, extensie } = FORMAAT_BESTAND[formaat];
    res.statusCode = 200;
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${bestandsnaam(kop, formaat === 'csv' ? deel : undefined)}.${extensie}"`);
    res.setHeader('ETag', `"${kop.checksum}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    if (formaat === 'json') await schrijfFotoJson(foto, res);
    else if (formaat === 'csv') await schrijfFotoCsv(foto, res, deel, verschillen);
    else if (formaat === 'xlsx') await schrijfFotoXlsx(foto, res, verschillen);
    else await schrijfFotoTbgi(foto, res);
  }

  @Get(':fotoId/verschillen')
  @ApiOperation({ summary: 'De verschillenlijst tussen deze foto en een andere van de instelling (standaard de vorige van dezelfde peildatum)' })
  @ApiParam({ name: 'brin', example: '25LX' })
  @ApiParam({ name: 'fotoId' })
  @ApiQuery({ name: 'met', required: false, description: 'het fotoId om mee te vergelijken' })
  @ApiOkResponse({ description: 'Verschillenlijst (docs/foto.md)' })
  @ApiNotFoundResponse({ type: FoutAntwoord })
  async verschillenVan(
    @Param('brin') brin: string,
    @Param('fotoId') fotoId: string,
    @Query('met') met: string | string[] | undefined,
    @GeauthenticeerdeInstelling() houder: Sleutelhouder,
    @Res() res: ServerResponse,
  ): Promise<void> {
    this.eigen(brin, houder);
    const { kop, foto } = await this.eigenFoto(brin, fotoId);
    const lijst = await this.verschillen(brin, kop, foto, enkel(met, 'met'));
    await this.raadplegingen.registreer({
      service: 'foto', instelling: houder.instelling, sleutelId: houder.sleutelId, gevraagdeInstelling: brin, persoonsnummer: null, crebo: null,
      uitkomst: 'BEANTWOORD', httpStatus: 200, reden: 'foto verschillen',
    });
    stuurJson(res, 200, lijst ?? { instelling: brin, vanFotoId: null, naarFotoId: kop.fotoId, studenten: [], terugmeldingsoverzicht: [] });
  }

  private eigen(brin: string, houder: Sleutelhouder): void {
    if (!isGeldigeBrin(brin)) throw new VerzoekFout(400, `'${brin}' is geen BRIN (2 cijfers gevolgd door 2 hoofdletters of cijfers, bijvoorbeeld 25LX)`);
    if (brin !== houder.instelling) throw new GeweigerdVerzoek(403, `de API-sleutel is van instelling ${houder.instelling}, niet van ${brin}`, 'BRIN_IS_NIET_DE_GEAUTHENTICEERDE_INSTELLING');
  }

  private async eigenFoto(brin: string, fotoId: string): Promise<{ kop: FotoKop; foto: BronFoto }> {
    const manager = this.runtime.dataSource.manager;
    const kop = await this.fotos.kop(manager, fotoId);
    if (!kop || kop.instelling !== brin) throw new GeweigerdVerzoek(404, ONBEKENDE_FOTO, 'FOTO_ONBEKEND');
    return { kop, foto: (await this.fotos.inhoud(manager, fotoId))! };
  }

  /** Against `met`, or the previous foto of the same peildatum; undefined when there is none. */
  private async verschillen(brin: string, kop: FotoKop, foto: BronFoto, met: string | undefined): Promise<Verschillenlijst | undefined> {
    const manager = this.runtime.dataSource.manager;
    const ander = met === undefined ? await this.fotos.vorige(manager, kop) : await this.fotos.kop(manager, met);
    if (met !== undefined && (!ander || ander.instelling !== brin)) throw new VerzoekFout(404, `vergelijken: ${ONBEKENDE_FOTO}`);
    if (!ander) return undefined;
    return verschillenlijst((await this.fotos.inhoud(manager, ander.fotoId))!, foto);
  }
}

/** `foto-25LX-2016-10-01-O-20261201T120000Z[-deel]`: what the file is, without characters a file system refuses. */
function bestandsnaam(kop: FotoKop, deel?: FotoDeel): string {
  const moment = kop.bekendOp.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return ['foto', kop.instelling, kop.peildatum, kop.status, moment, ...(deel ? [deel] : [])].join('-');
}
