export * from './record';
export * from './terugkoppeling-codes';
export * from './beoordeel-record';
export * from './aanleverrecord.decider';
export * from './batch-samenvatting';
export * from './persistent-map';
export * from './bestand/lees-records';
export * from './tekst';
