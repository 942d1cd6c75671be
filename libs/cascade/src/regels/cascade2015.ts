import type { Regelset } from './regelset';

const U222 = 'UWEB 2.2.2 (tekst 2015)';
const U223 = 'UWEB 2.2.3 (tekst 2015)';

/**
 * Cascade regime: bekostigingsjaar 2015-2019, teldata 1 Oct 2013 - 1 Oct 2017 (D1; docs/domein.md
 * facts 3-5, 11-18). Values from the law text: Uitvoeringsbesluit WEB art. 2.2.2 and 2.2.3, text
 * of 2015 (docs/domein.md, Bronnen).
 */
export const cascade2015: Regelset = {
  id: 'cascade2015',
  omschrijving: 'Cascadebekostiging (Wet doelmatige leerwegen), UWEB 2.2.1-2.2.3 tekst 2015',
  bekostigingsjaren: {
    waarde: { van: 2015, tot: 2019 },
    bron: 'UWEB 2015 art. 2.2 (vanaf bekostigingsjaar 2015); PvE MBO-instelling 4.8.2 §16.5.2 (n.v.t. vanaf teldatum 01-10-2018); besluit D1',
  },
  verblijfsjaren: {
    toepassen: { waarde: true, bron: `${U222} lid 2-3, ${U223} lid 2-3 (Vf)` },
    telling: {
      waarde: 'alle_inschrijvingen',
      bron: `${U222} lid 3 / ${U223} lid 3: "elke inschrijving ... op 1 oktober"; D4 (default), I-1 (switch)`,
    },
    afwezigheid: {
      waarde: 'in_teller',
      bron: `${U222} lid 3 / ${U223} lid 3, laatste volzin, gelezen per teller (I-2; README besluit B3)`,
    },
  },
  entree: {
    verblijfsjaarfactoren: { waarde: [1.2, 0.6], bron: `${U222} lid 3 (1ste = 1,2; 2de = 0,6)` },
    factorDaarna: { waarde: 0, bron: `${U222} lid 3 (3de en volgende = 0)` },
    herstartNaAfwezigeJaren: { waarde: 2, bron: `${U222} lid 3 (twee aaneengesloten kalenderjaren)` },
    bolFactor: { waarde: 1, bron: `${U222} lid 2 (Dbol x PF x Vf)` },
    bblFactor: { waarde: 0.5, bron: `${U222} lid 2 (Dbbl x 0,5 x PF x Vf)` },
    bpvMoetLopenOp31December: {
      waarde: false,
      bron: `${U222} lid 2 (Dbbl: overeenkomst uiterlijk 31 december gesloten; geen eis dat de praktijk dan loopt)`,
    },
    zorgUitzondering: { waarde: false, bron: `${U222} lid 2 (geen 1-juni-regel voor entree)` },
  },
  niveau2tot4: {
    verblijfsjaarfactoren: {
      waarde: [1.2, 1, 1, 1, 0.5, 0.5],
      bron: `${U223} lid 3 (1ste 1,2; 2de-4de 1; 5de-6de 0,5)`,
    },
    factorDaarna: { waarde: 0, bron: `${U223} lid 3 (7de en volgende = 0)` },
    herstartNaAfwezigeJaren: { waarde: 3, bron: `${U223} lid 3 (drie aaneengesloten kalenderjaren)` },
    bolFactor: { waarde: 1, bron: `${U223} lid 2 (Dbol x PF x Vf)` },
    bblFactor: { waarde: 0.4, bron: `${U223} lid 2 (Dbbl x 0,4 x PF x Vf)` },
    bpvMoetLopenOp31December: {
      waarde: true,
      bron: `${U223} lid 2 (Dbbl: "en daadwerkelijk op die datum ... in de praktijk van het beroep volgt")`,
    },
    zorgUitzondering: { waarde: true, bron: `${U223} lid 2 (Dbbl: VWS-kwalificaties uiterlijk 1 juni volgend jaar)` },
  },
  bpv: {
    uiterlijk: { waarde: '12-31', bron: `${U222} lid 2 / ${U223} lid 2 ("uiterlijk op 31 december van datzelfde kalenderjaar")` },
    zorgUiterlijkVolgendJaar: { waarde: '06-01', bron: `${U223} lid 2 ("uiterlijk op 1 juni van het kalenderjaar daarop volgend")` },
  },
  diploma: {
    waarden: { waarde: { 2: 1, 3: 3, 4: 5 }, bron: `${U223} lid 6 (DiW: basis 1, vak 3, middenkader 5)` },
    specialist: { waarde: 2, bron: `${U223} lid 6 (DS = 2 zonder eerder specialistendiploma)` },
    onderbrekingJaren: { waarde: 3, bron: `${U223} lid 6, laatste volzin (drie aaneengesloten kalenderjaren)` },
  },
  meerdereInschrijvingen: {
    waarde: 'hoogste_bijdrage',
    bron: 'WEB 2.2.2 lid 3 (telt als één inschrijving); keuze I-3: de inschrijving met het hoogste gewicht',
  },
  koppelingswet: {
    meerderjarigVanaf: { waarde: 18, bron: 'WEB 8.1.1 lid 1 (vreemdeling jonger dan 18 op de eerste dag); fact 40' },
    nederlands: { waarde: ['NL'], bron: 'WEB 8.1.1 lid 1 (Nederlander); ISO 3166-1 alpha-2' },
  },
  decimalen: { waarde: 4, bron: 'projectkeuze: vaste precisie tegen float-ruis (PvE: bijdrage N15.6, factoren N5.2)' },
};
