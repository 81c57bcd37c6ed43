// A crash-test load: sends `total` sealed reports through the real JSON API from `workers`
// concurrent clients, every fourth with encrypted files, and appends one line per acknowledged
// report to `ackFile` the moment its 201 arrives (synchronously, so a line exists only for a 201
// and is on disk before the next request). The server may die and come back meanwhile: a request
// without an answer counts as sent, and the client waits a little before its next one.
//   tsx tests/support/crash-load.ts <portal url> <total> <workers> <ack file>
// Prints one JSON line at the end: { sent, acknowledged, refused, unanswered }.
import { appendFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { fromBase64url } from '../../src/lib/crypto/encoding';
import { sampleBody, submitReport } from './api-client';

const [portalUrl, totalArg, workersArg, ackFile] = process.argv.slice(2);
const total = Number(totalArg);
const workers = Number(workersArg);

async function unitKey() {
	for (;;) {
		try {
			const key = (await (await fetch(portalUrl + '/api/v1/unit-key')).json()) as {
				id: string;
				public_key: string;
			};
			return { id: key.id, publicKey: fromBase64url(key.public_key) };
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}
const unit = await unitKey();
const figures = { sent: 0, acknowledged: 0, refused: 0, unanswered: 0 };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files for every fourth report: one or two, from a few bytes to about 200 KB. */
const filesFor = (n: number) =>
	n % 4 === 0
		? Array.from(
				{ length: 1 + (n % 8 === 0 ? 1 : 0) },
				(_, i) => new Uint8Array(randomBytes(1 + ((n * 7919 + i * 104729) % 200_000)))
			)
		: [];

let next = 0;
async function worker() {
	while (next < total) {
		const n = ++next;
		const files = filesFor(n);
		const narrative = `Crash test report ${n}.`;
		figures.sent++;
		try {
			const { res, code } = await submitReport(portalUrl, unit, {
				body: sampleBody(narrative),
				files
			});
			if (res.status === 201) {
				const { ref } = (await res.json()) as { ref: string };
				figures.acknowledged++;
				appendFileSync(
					ackFile,
					[ref, code, narrative, files.map(sha256).join(',')].join('\t') + '\n'
				);
			} else {
				figures.refused++;
				await res.body?.cancel();
			}
		} catch {
			// The server went away with the request in flight (or before the proof of work came).
			figures.unanswered++;
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}
await Promise.all(Array.from({ length: workers }, worker));
console.log(JSON.stringify(figures));
