export * from './record';
export * from './terugkoppeling-codes';
export * from './beoordeel-record';
export * from './bestand/lees-records';
