import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kwalificaties2015 } from '@bron/cascade';
import { canoniekeJson } from '@bron/domein';
import { aanleverkennis, aanleverrecordDecider, type AanleverCommando, type AanleverContext, type AanleverEvent, type RecordTerugkoppeling } from './aanleverrecord.decider';
import { PersistentMap } from './persistent-map';
import type { InschrijvingStaat, RuwRecord } from './record';
import { terugkoppelingCode } from './terugkoppeling-codes';
import { given } from '@bron/domein/testing';

const kwalificaties = kwalificaties2015(readFileSync(join(__dirname, '..', '..', '..', 'data', 'kwalificaties-2015.csv'), 'utf8'));
const context: AanleverContext = { aanleverendeInstelling: '25LX', peildatum: '2016-11-15', kwalificaties };

const inschrijving: RuwRecord = {
  soort: 'INSCHRIJVING', mutatie: 'T', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1',
  crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
};

const staat: InschrijvingStaat = {
  persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'A1', versie: 1, verwijderd: false, crebo: '25078',
  leerweg: 'BOL', intensiteit: 'VT', begin: '2016-08-01', einde: null, redenUitschrijving: null, bpv: [],
};

const record = (recordnummer: number, velden: RuwRecord, extra: { batchId?: string; context?: AanleverContext } = {}): AanleverCommando => ({
  type: 'BeoordeelRecord', record: { batchId: extra.batchId ?? 'b1', recordnummer, regel: recordnummer + 1, velden }, context: extra.context ?? context,
});

const terugkoppeling = (recordnummer: number, t: Partial<RecordTerugkoppeling>): RecordTerugkoppeling => ({
  batchId: 'b1', recordnummer, regel: recordnummer + 1, instelling: '25LX', persoonsnummer: '123456782', inschrijvingId: 'A1', soort: 'MELDING', codes: [terugkoppelingCode('M00')], ...t,
});

/** The events of the records so far, each decided on the state the ones before it left. */
function eerdereRecords(...commandos: AanleverCommando[]): AanleverEvent[] {
  const events: AanleverEvent[] = [];
  let kennis = aanleverrecordDecider.initialState;
  for (const commando of commandos) {
    for (const event of aanleverrecordDecider.decide(commando, kennis)) {
      events.push(event);
      kennis = aanleverrecordDecider.evolve(kennis, event);
    }
  }
  return events;
}

describe('aanleverrecordDecider (D6)', () => {
  it('given nothing known, when a valid inschrijving, then a melding and the new inschrijving, versie 1', () => {
    given(aanleverrecordDecider).when(record(1, inschrijving)).then([
      { type: 'RecordBeoordeeld', data: { terugkoppeling: terugkoppeling(1, {}), inhoud: canoniekeJson(inschrijving) } },
      { type: 'InschrijvingAanvaard', data: staat },
    ]);
  });

  it('given nothing known, when an invalid persoonsnummer, then an afkeuring and nothing accepted; a later wijziging finds no inschrijving', () => {
    const afgekeurd = { ...inschrijving, persoonsnummer: '123456789' };
    const events = given(aanleverrecordDecider).when(record(1, afgekeurd)).then([{
      type: 'RecordBeoordeeld',
      data: {
        terugkoppeling: terugkoppeling(1, { persoonsnummer: '123456789', soort: 'AFKEURING', codes: [terugkoppelingCode('A01', { persoonsnummer: '123456789' })] }),
        inhoud: canoniekeJson(afgekeurd),
      },
    }]);
    given(aanleverrecordDecider, events).when(record(2, { ...inschrijving, mutatie: 'W' })).then(([beoordeeld, ...rest]) => {
      expect(beoordeeld.type === 'RecordBeoordeeld' && beoordeeld.data.terugkoppeling.codes.map((c) => c.code)).toEqual(['A07']);
      expect(rest).toEqual([]);
    });
  });

  it('given nothing known, when a BBL inschrijving without BPV after 31 December, then a signaal and the inschrijving is accepted all the same', () => {
    const bbl = { ...inschrijving, leerweg: 'BBL' };
    given(aanleverrecordDecider).when(record(1, bbl, { context: { ...context, peildatum: '2017-01-02' } })).then([
      {
        type: 'RecordBeoordeeld',
        data: { terugkoppeling: terugkoppeling(1, { soort: 'SIGNAAL', codes: [terugkoppelingCode('S01', { inschrijvingId: 'A1', uiterlijk: '2016-12-31' })] }), inhoud: canoniekeJson(bbl) },
      },
      { type: 'InschrijvingAanvaard', data: { ...staat, leerweg: 'BBL' } },
    ]);
  });

  it('given an inschrijving accepted earlier in the run, when a wijziging of it, then the wijziging applies to it with the next versie', () => {
    const eerder = eerdereRecords(record(1, inschrijving));
    given(aanleverrecordDecider, eerder).when(record(2, { ...inschrijving, mutatie: 'W', leerweg: 'BBL' })).then([
      { type: 'RecordBeoordeeld', data: { terugkoppeling: terugkoppeling(2, {}), inhoud: canoniekeJson({ ...inschrijving, mutatie: 'W', leerweg: 'BBL' }) } },
      { type: 'InschrijvingAanvaard', data: { ...staat, leerweg: 'BBL', versie: 2 } },
    ]);
  });

  it('given an inschrijving and a BPV earlier in the run, when its diploma, an uitschrijving and an overlapping inschrijving, then each sees the records before it', () => {
    const bpv: RuwRecord = { soort: 'BPV', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', bpv_id: 'B1', bpv_afgesloten: '2016-09-01', bpv_begin: '2016-09-15' };
    const eerder = eerdereRecords(record(1, inschrijving), record(2, bpv));
    expect(eerder.filter((e) => e.type === 'InschrijvingAanvaard').map((e) => e.data)).toEqual([
      staat, { ...staat, versie: 2, bpv: [{ bpvId: 'B1', afgesloten: '2016-09-01', begin: '2016-09-15', einde: null, omvangUren: null, leerbedrijf: null }] },
    ]);
    given(aanleverrecordDecider, eerder).when(record(3, { soort: 'DIPLOMA', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', diploma_datum: '2017-06-30' })).then((events) => {
      expect(events[1]).toEqual({ type: 'DiplomaAanvaard', data: { persoonsnummer: '123456782', instelling: '25LX', diplomaId: 'A1', versie: 1, verwijderd: false, crebo: '25078', datum: '2017-06-30' } });
    });
    given(aanleverrecordDecider, eerder).when(record(3, { soort: 'UITSCHRIJVING', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', einddatum: '2017-01-31' })).then((events) => {
      expect(events[1]).toMatchObject({ type: 'InschrijvingAanvaard', data: { versie: 3, einde: '2017-01-31', bpv: [{ bpvId: 'B1' }] } });
    });
    given(aanleverrecordDecider, eerder).when(record(3, { ...inschrijving, inschrijving_id: 'A2', begindatum: '2016-09-01' })).then((events) => {
      expect(events).toHaveLength(1);
      expect(events[0].type === 'RecordBeoordeeld' && events[0].data.terugkoppeling.codes).toEqual([terugkoppelingCode('A14', { inschrijvingId: 'A2', andere: 'A1', crebo: '25078' })]);
    });
  });

  it('given a record earlier in the batch, when an identical one (columns in any order), then an afkeuring naming the first; not so in another batch', () => {
    const eerder = eerdereRecords(record(1, inschrijving));
    const zelfde: RuwRecord = Object.fromEntries(Object.entries(inschrijving).reverse());
    given(aanleverrecordDecider, eerder).when(record(2, zelfde)).then([{
      type: 'RecordBeoordeeld',
      data: { terugkoppeling: terugkoppeling(2, { soort: 'AFKEURING', codes: [terugkoppelingCode('A12', { eerder: '1' })] }), inhoud: null },
    }]);
    given(aanleverrecordDecider, eerder).when(record(1, inschrijving, { batchId: 'b2' })).then(([beoordeeld]) => {
      // a toevoeging of an inschrijving the run already accepted, in another batch: A10, not A12
      expect(beoordeeld.type === 'RecordBeoordeeld' && beoordeeld.data.terugkoppeling.codes.map((c) => c.code)).toEqual(['A10']);
    });
  });

  it('given the batch answered before, when a record of it again, then the same answer and nothing else', () => {
    const eerder = eerdereRecords(record(1, inschrijving));
    const [herhaald] = given(aanleverrecordDecider, eerder).when(record(1, inschrijving)).then([{ type: 'BeoordelingHerhaald', data: { terugkoppeling: terugkoppeling(1, {}) } }]);
    const kennis = eerder.reduce(aanleverrecordDecider.evolve, aanleverrecordDecider.initialState);
    expect(aanleverrecordDecider.evolve(kennis, herhaald)).toBe(kennis);
  });

  it('when a line the sender could not read, then an afkeuring naming the line, and no fields to compare', () => {
    given(aanleverrecordDecider).when({ type: 'BeoordeelLeesfout', record: { batchId: 'b1', recordnummer: 4, regel: 5, leesfout: 'aanhalingsteken niet gesloten' }, context }).then([{
      type: 'RecordBeoordeeld',
      data: {
        terugkoppeling: { batchId: 'b1', recordnummer: 4, regel: 5, instelling: '25LX', persoonsnummer: null, inschrijvingId: null, soort: 'AFKEURING', codes: [terugkoppelingCode('A11', { regel: '5', fout: 'aanhalingsteken niet gesloten' })] },
        inhoud: null,
      },
    }]);
  });

  it('when a record from a batch producer holds a NUL, then an afkeuring A16 naming its line and column, nothing accepted, the answer without the NUL (finding 1)', () => {
    given(aanleverrecordDecider).when(record(3, { ...inschrijving, persoonsnummer: '12345\u00006782' })).then(([beoordeeld, ...rest]) => {
      expect(rest).toEqual([]);
      expect(beoordeeld).toMatchObject({ type: 'RecordBeoordeeld', data: { terugkoppeling: { regel: 4, soort: 'AFKEURING', persoonsnummer: null, inschrijvingId: 'A1', codes: [terugkoppelingCode('A16', { regel: '4', veld: 'persoonsnummer', positie: '6', teken: 'U+0000 (NUL)' })] } } });
      expect(JSON.stringify(beoordeeld.type === 'RecordBeoordeeld' && beoordeeld.data.terugkoppeling)).not.toContain('\\u0000');
    });
  });

  it('given what was loaded before the run (state, answers, records of the batch), then the decision uses it', () => {
    const geladen = aanleverkennis({
      inschrijvingen: [staat],
      antwoorden: [terugkoppeling(7, { soort: 'AFKEURING', codes: [terugkoppelingCode('A09', { veld: 'crebo' })] })],
      eerdereRecords: [{ instelling: '25LX', batchId: 'b1', inhoud: canoniekeJson({ ...inschrijving, inschrijving_id: 'A9' }), recordnummer: 3 }],
    });
    given(aanleverrecordDecider, [], geladen).when(record(1, inschrijving)).then(([beoordeeld]) => {
      expect(beoordeeld.type === 'RecordBeoordeeld' && beoordeeld.data.terugkoppeling.codes.map((c) => c.code)).toEqual(['A10']);
    });
    given(aanleverrecordDecider, [], geladen).when(record(7, inschrijving)).then([{ type: 'BeoordelingHerhaald', data: { terugkoppeling: terugkoppeling(7, { soort: 'AFKEURING', codes: [terugkoppelingCode('A09', { veld: 'crebo' })] }) } }]);
    given(aanleverrecordDecider, [], geladen).when(record(8, { ...inschrijving, inschrijving_id: 'A9' })).then(([beoordeeld]) => {
      expect(beoordeeld.type === 'RecordBeoordeeld' && beoordeeld.data.terugkoppeling.codes).toEqual([terugkoppelingCode('A12', { eerder: '3' })]);
    });
    // what one instelling knows is not another's: the same id delivered by 26AB is new there
    given(aanleverrecordDecider, [], geladen).when(record(1, { ...inschrijving, instelling: '26AB' }, { context: { ...context, aanleverendeInstelling: '26AB' } })).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['RecordBeoordeeld', 'InschrijvingAanvaard']);
    });
  });

  it('leaves the state it evolves from as it was', () => {
    const voor = aanleverrecordDecider.initialState;
    const na = eerdereRecords(record(1, inschrijving)).reduce(aanleverrecordDecider.evolve, voor);
    const wijziging = record(2, { ...inschrijving, mutatie: 'W' });
    expect(aanleverrecordDecider.decide(wijziging, na)[0]).toMatchObject({ data: { terugkoppeling: { soort: 'MELDING' } } });
    expect(aanleverrecordDecider.decide(wijziging, voor)[0]).toMatchObject({ data: { terugkoppeling: { soort: 'AFKEURING' } } });
  });
});

describe('PersistentMap', () => {
  it('gives every version exactly its own entries, across merges of its layers', () => {
    const versies = [PersistentMap.of<number, number>([[-1, -1]])];
    const verwacht = [new Map([[-1, -1]])];
    for (let i = 0; i < 500; i++) {
      versies.push(versies[i].with(i % 300, i));
      verwacht.push(new Map(verwacht[i]).set(i % 300, i));
    }
    const sleutels = Array.from({ length: 301 }, (_, k) => k - 1);
    const afwijkend = versies.filter((map, versie) => sleutels.some((k) => map.get(k) !== verwacht[versie].get(k)));
    expect(afwijkend).toHaveLength(0);
  });
});
