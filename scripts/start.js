import { buildIfStale } from './build-if-stale.js';

// Safe defaults: listen on loopback only; a deployment sets HOST, PORT and ORIGIN explicitly.
process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';
process.env.ORIGIN ||= `http://${process.env.HOST}:${process.env.PORT}`;
// Request bodies carry up to five 10 MiB encrypted files.
process.env.BODY_SIZE_LIMIT ||= String(60 * 1024 * 1024);

buildIfStale();
// The server prints its one "Listening on …" line itself, once it really is listening.
await import('./serve.js');
