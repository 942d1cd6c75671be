/**
 * @bron/cascade: the pure bekostiging rules engine (cascade regime 2015-2019 and post2018).
 * No framework, no clock, no I/O: reference data and input are passed in.
 */
export * from './datum';
export * from './model';
export * from './referentie/kwalificaties';
export * from './referentie/kwalificaties-2015';
export * from './regels/redenen';
export * from './regels/regelset';
export { cascade2015 } from './regels/cascade2015';
export { post2018 } from './regels/post2018';
export { berekenBekostiging } from './berekening/bereken';
export * from './berekening/aanmelding';
export * from './invoer/lees-invoer';
export { berekenVanJson, type BerekenResultaat } from './bereken-json';
export * from './dossier';
