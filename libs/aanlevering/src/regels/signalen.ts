import { berekenBekostiging, jaarVan, teldatumVoorInschrijving, zoekRegelset, type Kwalificatietabel } from '@bron/cascade';
import type { InschrijvingStaat, PersoonGegevens } from '../record';
import { terugkoppelingCode, type TerugkoppelingCode } from '../terugkoppeling-codes';
import { heeftToegangTotNiveau4 } from './toelating';

export interface SignaalContext {
  peildatum: string;
  kwalificaties: Kwalificatietabel;
  persoon?: PersoonGegevens;
  vooropleidingen: readonly { soort: string; diploma: boolean }[];
  mboDiplomaNiveaus: readonly number[];
}

/**
 * The funding consequences an instelling should acknowledge for an accepted inschrijving (D6).
 * Koppelingswet and BBL come from the cascade itself, so that the intake and the bekostiging
 * apply one and the same rule: the inschrijving is computed alone for the teldatum it counts on.
 * The BBL signal waits until 31 December of that year has passed: before it, an agreement may
 * still be concluded.
 */
export function signalenVoor(staat: InschrijvingStaat, ctx: SignaalContext): TerugkoppelingCode[] {
  const codes: TerugkoppelingCode[] = [];
  const kwalificatie = ctx.kwalificaties.kwalificatie(staat.crebo);
  if (!kwalificatie || (staat.leerweg !== 'BOL' && staat.leerweg !== 'BBL') || !['VT', 'DT', 'EX'].includes(staat.intensiteit)) return codes;

  if (kwalificatie.niveau === 4 && kwalificatie.soort === 'middenkaderopleiding' && !heeftToegangTotNiveau4(ctx.vooropleidingen, ctx.mboDiplomaNiveaus)) {
    codes.push(terugkoppelingCode('S03', { crebo: staat.crebo }));
  }

  const teldatum = teldatumVoorInschrijving(staat, ctx.peildatum);
  const bekostigingsjaar = teldatum === null ? undefined : jaarVan(teldatum) + 2;
  if (bekostigingsjaar === undefined || !zoekRegelset(bekostigingsjaar)) return codes;
  const persoon = ctx.persoon;
  const berekening = berekenBekostiging({
    bekostigingsjaar,
    persoon: {
      persoonsnummer: staat.persoonsnummer,
      geboortedatum: persoon?.geboortedatum ?? '1900-01-01',
      nationaliteit: persoon?.nationaliteit ?? undefined,
      verblijfsstatus: persoon && persoon.verblijfsstatus.length > 0 ? persoon.verblijfsstatus : undefined,
    },
    inschrijvingen: [{ id: staat.inschrijvingId, instelling: staat.instelling, crebo: staat.crebo, leerweg: staat.leerweg, intensiteit: staat.intensiteit as 'VT' | 'DT' | 'EX', begin: staat.begin, einde: staat.einde, bpv: staat.bpv.map((b) => ({ afgesloten: b.afgesloten, begin: b.begin, einde: b.einde })) }],
    diplomas: [],
  }, ctx.kwalificaties);
  const redenen = berekening.inschrijvingen.find((i) => i.id === staat.inschrijvingId)?.redenen.map((r) => r.code) ?? [];
  if (redenen.includes('INS_KOPPELINGSWET')) codes.push(terugkoppelingCode('S02', { start: staat.begin }));
  const uiterlijk = `${jaarVan(berekening.teldatum)}-12-31`;
  if (redenen.includes('INS_BBL_GEEN_BPV') && ctx.peildatum > uiterlijk) {
    codes.push(terugkoppelingCode('S01', { inschrijvingId: staat.inschrijvingId, uiterlijk }));
  }
  return codes;
}
