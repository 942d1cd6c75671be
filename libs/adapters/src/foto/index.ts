export { FOTO_DELEN, type FotoDeel } from './kolommen';
export * from './foto-csv';
export * from './foto-xlsx';
export * from './foto-json';
export * from './foto-tbgi';
export * from './basissetversie.mapper';
