import { maakFoto } from './foto';
import type { FotoRegel } from './terugmeldingsoverzicht';

const regel = (persoonsnummer: string, inschrijvingId: string, bekostigd = true): FotoRegel => ({
  persoonsnummer, inschrijvingId, crebo: '25078', leerweg: 'BOL', niveau: 3, bekostigd, verblijfsjaar: 1, prijsfactor: 1.3, bijdrage: bekostigd ? 1.3 : 0,
});

describe('maakFoto (D5)', () => {
  const aanvraag = { aanvraagId: 'a-1', instelling: '25LX', soort: 'DEFINITIEF', peildatum: '2016-10-01' } as const;

  it('holds the instelling\'s inschrijvingen in a fixed order, their overzicht, the sector total and the status of its moment', () => {
    const foto = maakFoto(aanvraag, [regel('2', 'B', false), regel('1', 'A')], 172, '2017-07-01T00:00:00.000Z');
    expect(foto).toMatchObject({ fotoId: 'foto:a-1', status: 'D', peildatum: '2016-10-01', sectorTotaalInschrijvingen: 172, gemaaktOp: '2017-07-01T00:00:00.000Z' });
    expect(foto.studenten.map((s) => s.persoonsnummer)).toEqual(['1', '2']);
    expect(foto.terugmeldingsoverzicht).toEqual([{ crebo: '25078', leerweg: 'BOL', niveau: 3, verblijfsjaar: 1, inschrijvingen: 2, bekostigd: 1 }]);
  });

  it('is the same foto for the same aanvraag, whatever the order the inschrijvingen were read in', () => {
    const regels = [regel('1', 'A'), regel('2', 'B'), regel('3', 'C', false)];
    expect(maakFoto(aanvraag, regels, 3, 't')).toEqual(maakFoto(aanvraag, [...regels].reverse(), 3, 't'));
  });
});
