/**
 * The catalogue of terugkoppeling codes (docs/domein.md D6; documented in docs/terugkoppeling-codes.md).
 * Codes are stable and at most 3 characters; the text names its parameters as {naam}.
 */
export type TerugkoppelingSoort = 'MELDING' | 'SIGNAAL' | 'AFKEURING';

export const TERUGKOPPELING_CODES = {
  M00: { soort: 'MELDING', tekst: 'Record verwerkt.' },
  A01: { soort: 'AFKEURING', tekst: 'Persoonsnummer {persoonsnummer} is geen geldig BSN of onderwijsnummer (9 cijfers, 11-proef).' },
  A02: { soort: 'AFKEURING', tekst: 'BRIN {brin} heeft niet de vorm van 2 cijfers en 2 letters of cijfers, of is niet de aanleverende instelling {aanleverend}.' },
  A03: { soort: 'AFKEURING', tekst: 'Crebo {crebo} is geen bekende kwalificatie.' },
  A04: { soort: 'AFKEURING', tekst: 'Leerweg {leerweg} is niet toegestaan voor kwalificatie {crebo} (toegestaan: {toegestaan}).' },
  A05: { soort: 'AFKEURING', tekst: 'Veld {veld} bevat geen geldige datum (JJJJ-MM-DD): {waarde}.' },
  A06: { soort: 'AFKEURING', tekst: 'Einddatum {einde} ligt voor begindatum {begin}.' },
  A07: { soort: 'AFKEURING', tekst: 'Inschrijving {inschrijvingId} is niet bekend bij deze instelling; {mutatie} is niet mogelijk.' },
  A08: { soort: 'AFKEURING', tekst: 'Veld {veld} heeft een onbekende waarde {waarde} (toegestaan: {toegestaan}).' },
  A09: { soort: 'AFKEURING', tekst: 'Verplicht veld {veld} ontbreekt.' },
  A10: { soort: 'AFKEURING', tekst: 'Inschrijving {inschrijvingId} bestaat al; gebruik mutatie W om haar te wijzigen.' },
  A11: { soort: 'AFKEURING', tekst: 'Regel {regel} kon niet worden gelezen: {fout}.' },
  A12: { soort: 'AFKEURING', tekst: 'Dit record staat al eerder in deze aanlevering (record {eerder}).' },
  A13: { soort: 'AFKEURING', tekst: 'Kwalificatie {crebo} is niet geldig op {datum}.' },
  A14: { soort: 'AFKEURING', tekst: 'Inschrijving {inschrijvingId} overlapt inschrijving {andere} in dezelfde kwalificatie {crebo} bij deze instelling.' },
  A15: { soort: 'AFKEURING', tekst: 'Veld {veld} kan na de mutatiestop van {mutatiestop} niet meer worden gewijzigd; dat kan alleen met een accountantsverklaring.' },
  A16: { soort: 'AFKEURING', tekst: 'Regel {regel}, kolom {veld}: teken {positie} is {teken}, dat niet kan worden verwerkt; lever de tekst zonder dit teken aan.' },
  A17: { soort: 'AFKEURING', tekst: 'Datum {waarde} in veld {veld} ligt buiten de toegestane periode {vanaf} tot en met {tot}.' },
  S01: { soort: 'SIGNAAL', tekst: 'Bbl-inschrijving {inschrijvingId} heeft geen BPV-overeenkomst die uiterlijk {uiterlijk} is afgesloten (en loopt): zij wordt niet bekostigd.' },
  S02: { soort: 'SIGNAAL', tekst: 'De student was bij de start van de opleiding ({start}) meerderjarig zonder rechtmatig verblijf (Koppelingswet): de inschrijving wordt niet bekostigd.' },
  S03: { soort: 'SIGNAAL', tekst: 'Voor kwalificatie {crebo} (niveau 4) is geen vooropleiding bekend die toegang geeft (vmbo kader, gemengd of theoretisch, overgangsbewijs havo/vwo 3-4, havo, vwo, of een mbo-diploma niveau 2 of hoger).' },
} as const satisfies Record<string, { soort: TerugkoppelingSoort; tekst: string }>;

export type TerugkoppelingCodeId = keyof typeof TERUGKOPPELING_CODES;

export interface TerugkoppelingCode {
  code: TerugkoppelingCodeId;
  soort: TerugkoppelingSoort;
  tekst: string;
  parameters: Record<string, string>;
}

export function terugkoppelingCode(code: TerugkoppelingCodeId, parameters: Record<string, string> = {}): TerugkoppelingCode {
  const entry = TERUGKOPPELING_CODES[code];
  const tekst = entry.tekst.replace(/\{(\w+)\}/g, (_, naam: string) => parameters[naam] ?? `{${naam}}`);
  return { code, soort: entry.soort, tekst, parameters };
}

const ERNST: Record<TerugkoppelingSoort, number> = { MELDING: 0, SIGNAAL: 1, AFKEURING: 2 };

/** The soort of a record's answer: the most severe of its codes. */
export function zwaarsteSoort(codes: TerugkoppelingCode[]): TerugkoppelingSoort {
  return codes.reduce<TerugkoppelingSoort>((zwaarste, c) => (ERNST[c.soort] > ERNST[zwaarste] ? c.soort : zwaarste), 'MELDING');
}
