export * from './enums';
export * from './directory';
export * from './cases';
export * from './cooperation';
export * from './audit';
export * from './access';
export * from './summaries';
export * from './outbox';
