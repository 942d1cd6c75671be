/**
 * Catalogue of reason codes. Codes are stable (they go into events and the basisset); add new
 * ones, never rename. `regel` cites the article (UWEB = Uitvoeringsbesluit WEB, text of 2015; WEB =
 * Wet educatie en beroepsonderwijs) or the fact/decision of docs/domein.md the rule implements.
 * `signaal` says whether the reason is a signaal on a foto (docs/domein.md D6, "Signalen on a
 * foto"): a funding consequence the instelling must look at. Every INS_* reason but INS_BEKOSTIGD
 * is one (the inschrijving is not bekostigd), and so are VJ_HERSTART (the counter began again: it
 * rests on years without any inschrijving on 1 October, anywhere), VF_NUL (it counts, but brings
 * nothing) and every DIP_* reason that leaves a diploma unbekostigd. The factors themselves (LW_*, PF_TABEL, VJ_ENTREE,
 * VJ_NIVEAU_2_4, VF_NIET_VAN_TOEPASSING) and what a bekostigd diploma carries (DIP_BEKOSTIGD,
 * DIP_AFTREK_EERDER, DIP_SPECIALIST, and DIP_ONDERBREKING, which only sets earlier diploma's
 * aside) are not.
 */
export const REDENEN = {
  // --- inschrijving: bekostigingsstatus ---
  INS_BEKOSTIGD: {
    omschrijving: 'Ingeschreven op de teldatum en voldoet aan de voorwaarden: telt mee in de deelnemerswaarde.',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbol, Dbbl)',
    signaal: false,
  },
  INS_CREBO_ONBEKEND: {
    omschrijving: 'De crebo staat niet in de kwalificatietabel: geen soort, niveau of prijsfactor bekend.',
    regel: 'UWEB 2.2.2 lid 5 / 2.2.3 lid 4; Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1',
    signaal: true,
  },
  INS_EXAMENDEELNEMER: {
    omschrijving: 'Examendeelnemer: telt niet als deelnemer in de deelnemerswaarde (alleen het diploma telt).',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbol, Dbbl: bol of bbl); UWEB 2.2.3 lid 6',
    signaal: true,
  },
  INS_KOPPELINGSWET: {
    omschrijving: 'Meerderjarige vreemdeling zonder rechtmatig verblijf bij de start van de opleiding.',
    regel: 'WEB 8.1.1 lid 1 (Koppelingswet)',
    signaal: true,
  },
  INS_BBL_GEEN_BPV: {
    omschrijving: 'Bbl zonder BPV-overeenkomst die uiterlijk 31 december is gesloten (en, niveau 2-4, op die datum loopt).',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbbl); WEB 7.2.8 lid 2',
    signaal: true,
  },
  INS_MEERDERE_INSCHRIJVINGEN: {
    omschrijving: 'Op dezelfde teldatum is een andere inschrijving van deze deelnemer bekostigd; deze telt niet mee.',
    regel: 'WEB 2.2.2 lid 3 (keuze I-3)',
    signaal: true,
  },
  INS_NIET_OP_TELDATUM: {
    omschrijving: 'De inschrijving loopt op geen enkele teldatum (1 oktober): zij telt niet mee.',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (ingeschreven op 1 oktober)',
    signaal: true,
  },
  // --- inschrijving: factoren ---
  LW_BOL: {
    omschrijving: 'Beroepsopleidende leerweg: leerwegfactor 1.',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbol)',
    signaal: false,
  },
  LW_BBL: {
    omschrijving: 'Beroepsbegeleidende leerweg met BPV-overeenkomst uiterlijk 31 december: leerwegfactor 0,5 (entree) / 0,4 (niveau 2-4).',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbbl)',
    signaal: false,
  },
  LW_BBL_ZORG: {
    omschrijving: 'Bbl in een VWS-kwalificatie: praktijk begonnen uiterlijk 1 juni van het volgende kalenderjaar.',
    regel: 'UWEB 2.2.3 lid 2 (Dbbl, slot)',
    signaal: false,
  },
  PF_TABEL: {
    omschrijving: 'Prijsfactor van de crebo op de teldatum.',
    regel: 'UWEB 2.2.2 lid 5 / 2.2.3 lid 4; Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1',
    signaal: false,
  },
  VJ_ENTREE: {
    omschrijving: 'Verblijfsjaar geteld in de teller voor de entreeopleiding (elke inschrijving op 1 oktober).',
    regel: 'UWEB 2.2.2 lid 3 (en lid 6: assistentopleiding telt als entree)',
    signaal: false,
  },
  VJ_NIVEAU_2_4: {
    omschrijving: 'Verblijfsjaar geteld in de teller voor basis-, vak-, middenkader- en specialistenopleiding.',
    regel: 'UWEB 2.2.3 lid 3',
    signaal: false,
  },
  VJ_HERSTART: {
    omschrijving: 'De teller is opnieuw bij 1 begonnen na 2 (entree) / 3 (niveau 2-4) kalenderjaren zonder inschrijving op 1 oktober.',
    regel: 'UWEB 2.2.2 lid 3 / 2.2.3 lid 3, laatste volzin',
    signaal: true,
  },
  VF_NUL: {
    omschrijving: 'Verblijfsjaarfactor 0: de inschrijving telt, maar draagt niets bij.',
    regel: 'UWEB 2.2.2 lid 3 / 2.2.3 lid 3',
    signaal: true,
  },
  VF_NIET_VAN_TOEPASSING: {
    omschrijving: 'Geen cascade meer: verblijfsjaarfactor 1 (regime post2018).',
    regel: 'PvE MBO-instelling 4.8.2 §16.5.2 (n.v.t. vanaf 01-10-2018); besluit D1',
    signaal: false,
  },
  // --- diploma ---
  DIP_BEKOSTIGD: {
    omschrijving: 'Diploma telt mee in de diplomawaarde.',
    regel: 'UWEB 2.2.3 lid 6',
    signaal: false,
  },
  DIP_CREBO_ONBEKEND: {
    omschrijving: 'De crebo van het diploma staat niet in de kwalificatietabel.',
    regel: 'UWEB 2.2.3 lid 6; Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1',
    signaal: true,
  },
  DIP_ENTREE: {
    omschrijving: 'Diploma van een entreeopleiding: valt buiten de diplomawaarde.',
    regel: 'UWEB 2.2.3 lid 6 (D: basis/vak/middenkader); WEB 2.2.2 lid 5',
    signaal: true,
  },
  DIP_AFTREK_EERDER: {
    omschrijving: 'De diplomawaarde van het hoogste eerder behaalde bekostigde diploma (DiE) is afgetrokken.',
    regel: 'UWEB 2.2.3 lid 6 (DiE)',
    signaal: false,
  },
  DIP_GELIJK_NIVEAU: {
    omschrijving: 'Eerder een bekostigd diploma van hetzelfde niveau: DiW - DiE = 0.',
    regel: 'UWEB 2.2.3 lid 6 (DiE)',
    signaal: true,
  },
  DIP_EERDER_HOGER: {
    omschrijving: 'Eerder een diploma van een hoger niveau behaald: dit diploma blijft buiten beschouwing.',
    regel: 'UWEB 2.2.3 lid 6, tweede alinea',
    signaal: true,
  },
  DIP_NIET_EERSTE_IN_JAAR: {
    omschrijving: 'Niet het eerste diploma in dit kalenderjaar en niet van een hoger niveau.',
    regel: 'WEB 2.2.2 lid 4',
    signaal: true,
  },
  DIP_SPECIALIST: {
    omschrijving: 'Eerste diploma van een specialistenopleiding: DS = 2.',
    regel: 'UWEB 2.2.3 lid 6 (DS)',
    signaal: false,
  },
  DIP_SPECIALIST_EERDER: {
    omschrijving: 'Eerder al een diploma van een specialistenopleiding: DS = 0.',
    regel: 'UWEB 2.2.3 lid 6 (DS)',
    signaal: true,
  },
  DIP_ONDERBREKING: {
    omschrijving: "Diploma's van vóór een onderbreking van drie kalenderjaren zonder inschrijving op 1 oktober tellen niet mee.",
    regel: 'UWEB 2.2.3 lid 6, tweede alinea, laatste volzin',
    signaal: false,
  },
} as const satisfies Record<string, { omschrijving: string; regel: string; signaal: boolean }>;

export type RedenCode = keyof typeof REDENEN;

const CACHE = new Map<RedenCode, { readonly code: RedenCode; readonly regel: string }>();
for (const code of Object.keys(REDENEN) as RedenCode[]) {
  CACHE.set(code, Object.freeze({ code, regel: REDENEN[code].regel }));
}

/** The (frozen, shared) reason record for a code. */
export function reden(code: RedenCode): { readonly code: RedenCode; readonly regel: string } {
  return CACHE.get(code)!;
}

/**
 * Whether a reason code is a signaal on a foto (see `REDENEN`): a funding consequence the
 * instelling must look at. A code this build does not know is none.
 */
export function isSignaal(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(REDENEN, code) && REDENEN[code as RedenCode].signaal;
}
