export * from './aanlever-berichten';
export * from './referentiedata';
