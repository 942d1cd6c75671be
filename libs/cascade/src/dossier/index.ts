export * from './studentdossier';
export * from './basisset-per-inschrijving';
export * from './bekostiging-decider';
export * from './inschrijvingsgegevens';
