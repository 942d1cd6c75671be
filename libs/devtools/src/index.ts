export * from './service-supervisor';
export * from './verzamelaar';
export * from './demo-aanlevering';
export * from './ingebouwde-postgres';
export * from './repo-kafka';
export * from './andere-instelling';
export * from './bron-cli';
export * from './sector';
