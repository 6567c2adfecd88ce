export * from './auth';
export * from './campaigns';
export * from './signatures';
export * from './outbox';
export * from './rate-limits';
export * from './deliveries';
export * from './keys';
export * from './privacy';
