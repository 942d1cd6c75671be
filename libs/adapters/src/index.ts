export * from './aanlever-berichten';
export * from './referentiedata';
export * from './oorzaak.mapper';
export * from './aanlevering.mapper';
export * from './basisset.mapper';
export * from './csv';
export * from './instelling-bericht';
export * from './foto';
