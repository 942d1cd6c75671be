export * from './genereer-sector';
export * from './schrijf-sector';
