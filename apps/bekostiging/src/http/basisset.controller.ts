import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiForbiddenResponse, ApiInternalServerErrorResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { basissetBijAanmelding, leegDossier, toegangTotBasisset } from '@bron/cascade';
import { isGeldigPersoonsnummer, isGeldigeBrin } from '@bron/domein';
import {
  FoutAntwoord, GeauthenticeerdeInstelling, GeweigerdVerzoek, InstellingToegang, RaadplegingAuditFilter, Raadplegingen, SERVICE_CONFIG, ServiceRuntime, stuurJson,
  type ServiceConfig, type Sleutelhouder,
} from '@bron/infra';
import { KwalificatieReferentie } from '../referentie/kwalificatie-referentie';
import { BasissetAntwoord, basissetAntwoord } from './basisset.antwoord';
import { DossierLezer } from './dossier-lezer';

/** One message for every refusal about a person: it says nothing of whether the person is known (D7). */
export const GEEN_TOEGANG = 'deze instelling heeft geen inschrijving of lopende aanmelding van deze persoon';

/**
 * The basisset of a person for an instelling that has an inschrijving of that person or an
 * unexpired aanmelding it registered (D7, D11), before any inschrijving exists. The key decides
 * the instelling; the BRIN in the path must be that instelling. Every query, answered or refused,
 * goes into the audit (toegang.raadpleging) before it is answered.
 */
@ApiTags('basisset')
@Controller('instellingen/:brin/studenten')
@InstellingToegang()
@UseFilters(RaadplegingAuditFilter)
export class BasissetController {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly dossiers: DossierLezer,
    private readonly referentie: KwalificatieReferentie,
    private readonly raadplegingen: Raadplegingen,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Get(':persoonsnummer/basisset')
  @ApiOperation({ summary: 'De basisset van een persoon bij aanmelding (D3): vooropleiding, verblijfsjaren, bekostigde diploma\'s, verblijfsstatus, officiële voornamen en, met ?crebo=, de beoogde opleiding' })
  @ApiParam({ name: 'brin', description: 'the authenticated instelling (the key\'s); another BRIN is refused', example: '25LX' })
  @ApiParam({ name: 'persoonsnummer', description: 'BSN or onderwijsnummer, 9 digits, 11-proef' })
  @ApiQuery({ name: 'crebo', required: false, description: 'the beoogde opleiding (5 digits, in the kwalificaties table)' })
  @ApiOkResponse({ type: BasissetAntwoord })
  @ApiBadRequestResponse({ type: FoutAntwoord, description: 'a malformed BRIN, persoonsnummer or crebo' })
  @ApiForbiddenResponse({ type: FoutAntwoord, description: 'the BRIN is not the key\'s instelling, or it has no inschrijving or unexpired aanmelding of this person (the same answer whether the person exists or not)' })
  @ApiInternalServerErrorResponse({ type: FoutAntwoord, description: 'the service failed (audited as MISLUKT); nothing is answered' })
  async basisset(
    @Param('brin') brin: string,
    @Param('persoonsnummer') persoonsnummer: string,
    @Query('crebo') crebo: string | string[] | undefined,
    @GeauthenticeerdeInstelling() houder: Sleutelhouder,
    @Res() res: ServerResponse,
  ): Promise<void> {
    if (!isGeldigeBrin(brin)) throw new GeweigerdVerzoek(400, `'${brin}' is geen BRIN (2 cijfers gevolgd door 2 hoofdletters of cijfers, bijvoorbeeld 25LX)`, 'BRIN_ONGELDIG');
    if (!isGeldigPersoonsnummer(persoonsnummer)) {
      throw new GeweigerdVerzoek(400, 'het persoonsnummer moet 9 cijfers zijn en aan de 11-proef voldoen', 'PERSOONSNUMMER_ONGELDIG');
    }
    if (Array.isArray(crebo)) throw new GeweigerdVerzoek(400, 'geef hoogstens één crebo mee', 'CREBO_ONGELDIG');
    if (crebo !== undefined && !/^\d{5}$/.test(crebo)) throw new GeweigerdVerzoek(400, `crebo moet 5 cijfers zijn, niet '${crebo}'`, 'CREBO_ONGELDIG');
    const [tabel, opgeslagen] = await Promise.all([this.referentie.actueel(this.runtime.dataSource.manager), this.dossiers.dossierVan(persoonsnummer)]);
    if (crebo !== undefined && !tabel.kwalificatie(crebo)) throw new GeweigerdVerzoek(400, `crebo ${crebo} staat niet in de kwalificatietabel`, 'CREBO_ONBEKEND');
    if (brin !== houder.instelling) {
      throw new GeweigerdVerzoek(403, `de API-sleutel is van instelling ${houder.instelling}, niet van ${brin}`, 'BRIN_IS_NIET_DE_GEAUTHENTICEERDE_INSTELLING');
    }

    const peildatum = this.config.peildatum();
    const dossier = opgeslagen ?? leegDossier(persoonsnummer);
    const toegang = toegangTotBasisset(dossier, houder.instelling, peildatum);
    if (!toegang.toegang) throw new GeweigerdVerzoek(403, GEEN_TOEGANG, toegang.grond);

    const antwoord = basissetAntwoord(houder.instelling, toegang.grond, peildatum, basissetBijAanmelding(dossier, { peildatum, tabel, crebo }));
    // No answer without its audit row: a failing insert fails the request (500, no data).
    await this.raadplegingen.registreer({
      service: 'bekostiging', instelling: houder.instelling, sleutelId: houder.sleutelId, gevraagdeInstelling: brin, persoonsnummer, crebo: crebo ?? null,
      uitkomst: 'BEANTWOORD', httpStatus: 200, reden: toegang.grond,
    });
    res.setHeader('Cache-Control', 'no-store');
    stuurJson(res, 200, antwoord);
  }
}
