import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AanmeldingBasisset } from '@bron/cascade';

/** The OpenAPI shapes of GET /instellingen/{brin}/studenten/{persoonsnummer}/basisset (what `basissetAntwoord` gives). */
class VooropleidingAntwoord {
  @ApiProperty({ example: 'HAVO' }) code!: string;
  @ApiProperty({ description: 'an overgangsbewijs havo/vwo 3-4 rather than a diploma' }) overgangsbewijs!: boolean;
}

class DiplomaAntwoord {
  @ApiProperty({ example: '25078' }) crebo!: string;
  @ApiProperty() niveau!: number;
  @ApiProperty({ example: '2016-07-01' }) datum!: string;
  @ApiProperty() diplomawaarde!: number;
}

class VerblijfsperiodeAntwoord {
  @ApiProperty() vanaf!: string;
  @ApiProperty({ nullable: true, type: String, description: 'first day no longer covered' }) tot!: string | null;
  @ApiProperty() rechtmatig!: boolean;
}

class VerblijfsstatusAntwoord {
  @ApiProperty({ nullable: true, type: String }) nationaliteit!: string | null;
  @ApiProperty({ type: [VerblijfsperiodeAntwoord] }) perioden!: VerblijfsperiodeAntwoord[];
  @ApiProperty({ nullable: true, type: Boolean, description: 'lawful residence on the teldatum; null when the BRP told nothing yet' }) rechtmatigOpTeldatum!: boolean | null;
}

class BeoogdeOpleidingAntwoord {
  @ApiProperty() crebo!: string;
  @ApiProperty() bekend!: boolean;
  @ApiProperty({ nullable: true, type: Number }) niveau!: number | null;
  @ApiProperty({ nullable: true, enum: ['entree', 'niveau2tot4'] }) teller!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'on the teldatum' }) prijsfactor!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the verblijfsjaar an inschrijving would be on the teldatum' }) verblijfsjaar!: number | null;
  @ApiProperty({ nullable: true, type: Number }) verblijfsjaarfactor!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'what a diploma would earn given the earlier bekostigde diploma\'s' }) diplomawaarde!: number | null;
}

export class BasissetAntwoord {
  @ApiProperty({ description: 'the authenticated instelling', example: '25LX' }) instelling!: string;
  @ApiProperty({ enum: ['INSCHRIJVING', 'AANMELDING'], description: 'why this instelling may see it (D7, D11)' }) toegang!: string;
  @ApiProperty({ description: 'the system\'s today' }) peildatum!: string;
  @ApiProperty() persoonsnummer!: string;
  @ApiProperty({ example: '2017-10-01' }) teldatum!: string;
  @ApiProperty() bekostigingsjaar!: number;
  @ApiProperty({ enum: ['cascade2015', 'post2018'] }) regime!: string;
  @ApiProperty() prognose!: boolean;
  @ApiProperty({ type: VooropleidingAntwoord, nullable: true }) hoogsteVooropleiding!: VooropleidingAntwoord | null;
  @ApiProperty() verblijfsjarenEntree!: number;
  @ApiProperty() verblijfsjarenNiveau2tot4!: number;
  @ApiProperty({ type: [DiplomaAntwoord] }) bekostigdeDiplomas!: DiplomaAntwoord[];
  @ApiProperty({ type: VerblijfsstatusAntwoord }) verblijfsstatus!: VerblijfsstatusAntwoord;
  @ApiProperty({ nullable: true, type: String }) officieleVoornamen!: string | null;
  @ApiPropertyOptional({ type: BeoogdeOpleidingAntwoord, nullable: true, description: 'only with ?crebo=' }) beoogd!: BeoogdeOpleidingAntwoord | null;
}

export function basissetAntwoord(instelling: string, toegang: 'INSCHRIJVING' | 'AANMELDING', peildatum: string, b: AanmeldingBasisset): BasissetAntwoord {
  return {
    instelling, toegang, peildatum, ...b,
    hoogsteVooropleiding: b.hoogsteVooropleiding && { ...b.hoogsteVooropleiding },
    bekostigdeDiplomas: b.bekostigdeDiplomas.map((d) => ({ ...d })),
    verblijfsstatus: { ...b.verblijfsstatus, perioden: b.verblijfsstatus.perioden.map((p) => ({ ...p })) },
    beoogd: b.beoogd && { ...b.beoogd },
  };
}
