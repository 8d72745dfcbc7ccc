export * from './sql';
export * from './pg-database';
export * from './typeorm-database';
export * from './database-url';
