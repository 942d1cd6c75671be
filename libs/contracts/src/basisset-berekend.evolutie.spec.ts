import { readFixtureSchema } from './avro/__fixtures__/load-fixture';
import { SchemaRegistry } from './avro/schema-registry';
import { BasissetBerekendSchema, type BasissetBerekend } from './generated';

/** BasissetBerekend as it was before it carried the inschrijving's facts a foto shows. */
const ZONDER_INSCHRIJVINGSGEGEVENS = readFixtureSchema('evolution/basisset-berekend.v1.avsc');
const NAAM = BasissetBerekendSchema.fullName;

const eerder = {
  persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'A', crebo: '25078', leerweg: 'BBL', niveau: 3, versie: 2,
  bekostigingsjaar: 2018, teldatum: '2016-10-01', regime: 'cascade2015', prognose: false, actief: true,
  basisset: {
    bekostigd: true, redenen: [{ code: 'INS_BEKOSTIGD', tekst: 'Bekostigd.', regel: 'UWEB 2.2.3 lid 2' }], hoogsteVooropleiding: null,
    verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 1, bekostigdeDiplomas: [], verblijfsjaar: 1, verblijfsjaarfactor: 1.2,
    leerwegfactor: 0.4, prijsfactor: 1.3, diplomawaardeOpleiding: 3, bijdrage: 0.624, verblijfsstatusRechtmatig: null,
  },
  wijzigingen: [],
  oorzaak: { soort: 'AANLEVERING', instelling: '25LX', bron: null, eventId: 'e1' },
};

const inschrijvingsgegevens: Omit<BasissetBerekend, keyof typeof eerder> = {
  intensiteit: 'DT', datumInschrijving: '2016-08-01', datumUitschrijving: null, leeftijdOpEenAugustus: 18, inschrijvingVoorCorrectiefactor: true,
  officieleVoornamen: 'Amal', codeLeerbedrijf: '100012345',
  bpv: [{ bpvId: 'P1', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, leerbedrijf: '100012345' }],
  diplomas: [{ diplomaId: 'D1', crebo: '25078', datum: '2017-06-30', niveau: 3, bekostigd: true, diplomawaarde: 3, redenen: [{ code: 'DIP_BEKOSTIGD', tekst: 'Telt.', regel: 'UWEB 2.2.3 lid 6' }] }],
};

describe('BasissetBerekend with the inschrijving\'s facts (added fields with defaults)', () => {
  it('given a message of the earlier version, when the current reader decodes it, then the added fields have their defaults', () => {
    const producer = new SchemaRegistry([ZONDER_INSCHRIJVINGSGEGEVENS]);
    const consumer = new SchemaRegistry([BasissetBerekendSchema.schema], { otherWriterSchemas: [ZONDER_INSCHRIJVINGSGEGEVENS] });
    expect(consumer.decode(producer.encode(NAAM, eerder), NAAM)).toEqual({
      ...eerder,
      intensiteit: null, datumInschrijving: null, datumUitschrijving: null, leeftijdOpEenAugustus: null, inschrijvingVoorCorrectiefactor: false,
      officieleVoornamen: null, codeLeerbedrijf: null, bpv: [], diplomas: [],
    });
  });

  it('given a message of the current version, when a reader of the earlier version decodes it, then it reads what it knows', () => {
    const producer = new SchemaRegistry([BasissetBerekendSchema.schema]);
    const consumer = new SchemaRegistry([ZONDER_INSCHRIJVINGSGEGEVENS], { otherWriterSchemas: [BasissetBerekendSchema.schema] });
    expect(consumer.decode(producer.encode(NAAM, { ...eerder, ...inschrijvingsgegevens }), NAAM)).toEqual(eerder);
  });

  it('reads back what it wrote, a diploma\'s redenen in the shape of the basisset\'s', () => {
    const registry = new SchemaRegistry([BasissetBerekendSchema.schema]);
    const waarde = { ...eerder, ...inschrijvingsgegevens };
    expect(registry.decode(registry.encode(NAAM, waarde), NAAM)).toEqual(waarde);
  });
});
