export * from './encoding';
export * from './report-code';
export * from './report-box';
export * from './file-stream';
export * from './message-box';
export * from './keyring';
export * from './signed-record';
export * from './audit-hash';
export { getSodium, type Sodium } from './sodium';
