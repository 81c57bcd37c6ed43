import { buildIfStale } from './build-if-stale.js';

// Safe defaults: listen on loopback only; a deployment sets HOST, PORT and ORIGIN explicitly.
process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';
process.env.ORIGIN ||= `http://${process.env.HOST}:${process.env.PORT}`;
// Request bodies carry up to five 10 MiB encrypted files.
process.env.BODY_SIZE_LIMIT ||= String(60 * 1024 * 1024);

buildIfStale();
await import('./serve.js');
console.log(`SafeReport is listening on ${process.env.ORIGIN}`);
