export * from './service-supervisor';
export * from './verzamelaar';
