export * from './persoonsnummer';
export * from './brin';
export * from './notificatie/wijzigingen';
export * from './notificatie/notificatie';
export * from './foto/terugmeldingsoverzicht';
