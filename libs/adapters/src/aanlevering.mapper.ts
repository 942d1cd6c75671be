import type { AanleverCommando, AanleverContext, BatchSamenvatting, PersoonGegevens, RecordTerugkoppeling } from '@bron/aanlevering-domein';
import type { AanleverBatchVerwerkt, AanleverRecord, PersoonGewijzigd, Terugkoppeling } from '@bron/contracts';

/** An AanleverRecord of an intake topic as the command that decides it. */
export const aanleverrecordMapper = {
  naarDomein(record: AanleverRecord, context: AanleverContext): AanleverCommando {
    const plaats = { batchId: record.batchId, recordnummer: record.recordnummer, regel: record.regel };
    return record.leesfout
      ? { type: 'BeoordeelLeesfout', record: { ...plaats, leesfout: record.leesfout }, context }
      : { type: 'BeoordeelRecord', record: { ...plaats, velden: record.velden }, context };
  },
};

/** A record's answer between the domain and the Terugkoppeling contract. */
export const terugkoppelingMapper = {
  naarContract(t: RecordTerugkoppeling): Terugkoppeling {
    return {
      batchId: t.batchId, recordnummer: t.recordnummer, regel: t.regel, instelling: t.instelling, persoonsnummer: t.persoonsnummer, inschrijvingId: t.inschrijvingId, soort: t.soort,
      codes: t.codes.map((c) => ({ code: c.code, soort: c.soort, tekst: c.tekst, parameters: c.parameters })),
    };
  },
};

export const batchSamenvattingMapper = {
  naarContract(s: BatchSamenvatting): AanleverBatchVerwerkt {
    return { batchId: s.batchId, instelling: s.instelling, aantalRecords: s.aantalRecords, meldingen: s.meldingen, signalen: s.signalen, afkeuringen: s.afkeuringen, aantalGemeld: s.aantalGemeld };
  },
};

/** What the intake keeps of a BRP message (the signalen need no more). */
export const persoonGegevensMapper = {
  naarDomein(p: PersoonGewijzigd): PersoonGegevens {
    return { geboortedatum: p.geboortedatum, nationaliteit: p.nationaliteit, verblijfsstatus: p.verblijfsstatus };
  },
};
