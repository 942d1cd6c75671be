export * from './persoonsnummer';
export * from './brin';
export * from './notificatie/wijzigingen';
export * from './notificatie/notificatie';
export * from './oorzaak';
export * from './foto/terugmeldingsoverzicht';
export * from './decider/decider';
export * from './foto/foto';
