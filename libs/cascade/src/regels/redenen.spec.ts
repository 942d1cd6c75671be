import { isSignaal, REDENEN, type RedenCode } from './redenen';

describe('signalen on a foto: the reasons with a funding consequence the instelling must look at', () => {
  const signalen = (Object.keys(REDENEN) as RedenCode[]).filter(isSignaal);

  it('given the catalogue, then every INS_* reason but INS_BEKOSTIGD, VJ_HERSTART, VF_NUL and the DIP_* reasons that leave a diploma unbekostigd', () => {
    expect(signalen.sort()).toEqual([
      'DIP_CREBO_ONBEKEND', 'DIP_EERDER_HOGER', 'DIP_ENTREE', 'DIP_GELIJK_NIVEAU', 'DIP_NIET_EERSTE_IN_JAAR', 'DIP_SPECIALIST_EERDER',
      'INS_BBL_GEEN_BPV', 'INS_CREBO_ONBEKEND', 'INS_EXAMENDEELNEMER', 'INS_KOPPELINGSWET', 'INS_MEERDERE_INSCHRIJVINGEN', 'INS_NIET_OP_TELDATUM',
      'VF_NUL', 'VJ_HERSTART',
    ]);
  });

  it.each(['INS_BEKOSTIGD', 'LW_BBL', 'PF_TABEL', 'VJ_NIVEAU_2_4', 'VF_NIET_VAN_TOEPASSING', 'DIP_BEKOSTIGD', 'DIP_AFTREK_EERDER', 'DIP_SPECIALIST', 'DIP_ONDERBREKING'])(
    'given %s (a factor, or what a bekostigd diploma carries), then no signaal',
    (code) => expect(isSignaal(code)).toBe(false),
  );

  it('given a code this build does not know, or a name of the object itself, then no signaal', () => {
    expect(isSignaal('X99')).toBe(false);
    expect(isSignaal('toString')).toBe(false);
  });
});
