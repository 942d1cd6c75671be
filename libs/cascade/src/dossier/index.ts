export * from './studentdossier';
export * from './basisset-per-inschrijving';
