/**
 * Catalogue of reason codes. Codes are stable (they go into events and the basisset); add new
 * ones, never rename. `regel` cites the article (UWEB = Uitvoeringsbesluit WEB, text of 2015; WEB =
 * Wet educatie en beroepsonderwijs) or the fact/decision of docs/domein.md the rule implements.
 */
export const REDENEN = {
  // --- inschrijving: bekostigingsstatus ---
  INS_BEKOSTIGD: {
    omschrijving: 'Ingeschreven op de teldatum en voldoet aan de voorwaarden: telt mee in de deelnemerswaarde.',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbol, Dbbl)',
  },
  INS_CREBO_ONBEKEND: {
    omschrijving: 'De crebo staat niet in de kwalificatietabel: geen soort, niveau of prijsfactor bekend.',
    regel: 'UWEB 2.2.2 lid 5 / 2.2.3 lid 4; Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1',
  },
  INS_EXAMENDEELNEMER: {
    omschrijving: 'Examendeelnemer: telt niet als deelnemer in de deelnemerswaarde (alleen het diploma telt).',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbol, Dbbl: bol of bbl); UWEB 2.2.3 lid 6',
  },
  INS_KOPPELINGSWET: {
    omschrijving: 'Meerderjarige vreemdeling zonder rechtmatig verblijf bij de start van de opleiding.',
    regel: 'WEB 8.1.1 lid 1 (Koppelingswet)',
  },
  INS_BBL_GEEN_BPV: {
    omschrijving: 'Bbl zonder BPV-overeenkomst die uiterlijk 31 december is gesloten (en, niveau 2-4, op die datum loopt).',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbbl); WEB 7.2.8 lid 2',
  },
  INS_MEERDERE_INSCHRIJVINGEN: {
    omschrijving: 'Op dezelfde teldatum is een andere inschrijving van deze deelnemer bekostigd; deze telt niet mee.',
    regel: 'WEB 2.2.2 lid 3 (keuze I-3)',
  },
  INS_NIET_OP_TELDATUM: {
    omschrijving: 'De inschrijving loopt op geen enkele teldatum (1 oktober): zij telt niet mee.',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (ingeschreven op 1 oktober)',
  },
  // --- inschrijving: factoren ---
  LW_BOL: {
    omschrijving: 'Beroepsopleidende leerweg: leerwegfactor 1.',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbol)',
  },
  LW_BBL: {
    omschrijving: 'Beroepsbegeleidende leerweg met BPV-overeenkomst uiterlijk 31 december: leerwegfactor 0,5 (entree) / 0,4 (niveau 2-4).',
    regel: 'UWEB 2.2.2 lid 2 / 2.2.3 lid 2 (Dbbl)',
  },
  LW_BBL_ZORG: {
    omschrijving: 'Bbl in een VWS-kwalificatie: praktijk begonnen uiterlijk 1 juni van het volgende kalenderjaar.',
    regel: 'UWEB 2.2.3 lid 2 (Dbbl, slot)',
  },
  PF_TABEL: {
    omschrijving: 'Prijsfactor van de crebo op de teldatum.',
    regel: 'UWEB 2.2.2 lid 5 / 2.2.3 lid 4; Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1',
  },
  VJ_ENTREE: {
    omschrijving: 'Verblijfsjaar geteld in de teller voor de entreeopleiding (elke inschrijving op 1 oktober).',
    regel: 'UWEB 2.2.2 lid 3 (en lid 6: assistentopleiding telt als entree)',
  },
  VJ_NIVEAU_2_4: {
    omschrijving: 'Verblijfsjaar geteld in de teller voor basis-, vak-, middenkader- en specialistenopleiding.',
    regel: 'UWEB 2.2.3 lid 3',
  },
  VJ_HERSTART: {
    omschrijving: 'De teller is opnieuw bij 1 begonnen na 2 (entree) / 3 (niveau 2-4) kalenderjaren zonder inschrijving op 1 oktober.',
    regel: 'UWEB 2.2.2 lid 3 / 2.2.3 lid 3, laatste volzin',
  },
  VF_NUL: {
    omschrijving: 'Verblijfsjaarfactor 0: de inschrijving telt, maar draagt niets bij.',
    regel: 'UWEB 2.2.2 lid 3 / 2.2.3 lid 3',
  },
  VF_NIET_VAN_TOEPASSING: {
    omschrijving: 'Geen cascade meer: verblijfsjaarfactor 1 (regime post2018).',
    regel: 'PvE MBO-instelling 4.8.2 §16.5.2 (n.v.t. vanaf 01-10-2018); besluit D1',
  },
  // --- diploma ---
  DIP_BEKOSTIGD: {
    omschrijving: 'Diploma telt mee in de diplomawaarde.',
    regel: 'UWEB 2.2.3 lid 6',
  },
  DIP_CREBO_ONBEKEND: {
    omschrijving: 'De crebo van het diploma staat niet in de kwalificatietabel.',
    regel: 'UWEB 2.2.3 lid 6; Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1',
  },
  DIP_ENTREE: {
    omschrijving: 'Diploma van een entreeopleiding: valt buiten de diplomawaarde.',
    regel: 'UWEB 2.2.3 lid 6 (D: basis/vak/middenkader); WEB 2.2.2 lid 5',
  },
  DIP_AFTREK_EERDER: {
    omschrijving: 'De diplomawaarde van het hoogste eerder behaalde bekostigde diploma (DiE) is afgetrokken.',
    regel: 'UWEB 2.2.3 lid 6 (DiE)',
  },
  DIP_GELIJK_NIVEAU: {
    omschrijving: 'Eerder een bekostigd diploma van hetzelfde niveau: DiW - DiE = 0.',
    regel: 'UWEB 2.2.3 lid 6 (DiE)',
  },
  DIP_EERDER_HOGER: {
    omschrijving: 'Eerder een diploma van een hoger niveau behaald: dit diploma blijft buiten beschouwing.',
    regel: 'UWEB 2.2.3 lid 6, tweede alinea',
  },
  DIP_NIET_EERSTE_IN_JAAR: {
    omschrijving: 'Niet het eerste diploma in dit kalenderjaar en niet van een hoger niveau.',
    regel: 'WEB 2.2.2 lid 4',
  },
  DIP_SPECIALIST: {
    omschrijving: 'Eerste diploma van een specialistenopleiding: DS = 2.',
    regel: 'UWEB 2.2.3 lid 6 (DS)',
  },
  DIP_SPECIALIST_EERDER: {
    omschrijving: 'Eerder al een diploma van een specialistenopleiding: DS = 0.',
    regel: 'UWEB 2.2.3 lid 6 (DS)',
  },
  DIP_ONDERBREKING: {
    omschrijving: "Diploma's van vóór een onderbreking van drie kalenderjaren zonder inschrijving op 1 oktober tellen niet mee.",
    regel: 'UWEB 2.2.3 lid 6, tweede alinea, laatste volzin',
  },
} as const satisfies Record<string, { omschrijving: string; regel: string }>;

export type RedenCode = keyof typeof REDENEN;

const CACHE = new Map<RedenCode, { readonly code: RedenCode; readonly regel: string }>();
for (const code of Object.keys(REDENEN) as RedenCode[]) {
  CACHE.set(code, Object.freeze({ code, regel: REDENEN[code].regel }));
}

/** The (frozen, shared) reason record for a code. */
export function reden(code: RedenCode): { readonly code: RedenCode; readonly regel: string } {
  return CACHE.get(code)!;
}
