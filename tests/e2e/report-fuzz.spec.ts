import { expect, test } from '@playwright/test';
import { portalWithUnitKey } from './support/unit-portal';
import { databaseFingerprint } from './support/db-fingerprint';
import { fuzzSeed, prng } from '../support/prng';
import { postMultipart, sealedSubmission, solvePow, submitReport } from '../support/api-client';
import { MAX_ENCRYPTED_FILE, MAX_FILE_BYTES } from '../../src/lib/report/limits';

/**
 * A seeded fuzz of the JSON API and the form actions: every malformed submission is a 4xx with a
 * plain error (never a 500, never a stack), and the database is byte-for-byte unchanged after.
 */
const ctx = portalWithUnitKey({ POW_MAX: '50', RATE_LIMIT_FACTOR: '1000' });

test('at least 500 malformed submissions are all refused with a 4xx and change nothing', async () => {
	test.setTimeout(240_000);
	const seed = fuzzSeed(20261129);
	console.log(`report fuzz: seed ${seed} (FUZZ_SEED replays it)`);
	const random = prng(seed);
	const pick = random.pick;
	const url = ctx.portal.url;

	// One real report first, so "duplicate lookup" has something to collide with.
	const first = await submitReport(url, ctx.unit);
	expect(first.res.status).toBe(201);
	const before = databaseFingerprint(ctx.portal.dbPath);
	expect(before.counts.reports).toBe(1);

	const B64_FIELDS = [
		'nonce',
		'ciphertext',
		'key_for_unit',
		'key_for_reporter',
		'reporter_pk',
		'lookup_hash'
	];
	const WRONG_VALUES = [null, 42, true, [], {}, '', 'x'.repeat(5000), -1, 1.5];
	const BAD_B64 = [
		'AAAA=',
		'AA+/',
		'!!!!',
		'A',
		'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
		'\u00e9\u00e9'
	];

	const apiReport = async (
		mutate: (r: Record<string, unknown>) => void,
		opts: {
			pow?: 'good' | 'bad' | 'none';
			files?: Uint8Array[];
			attachmentCount?: number;
			extraPart?: boolean;
		} = {}
	) => {
		const s = await sealedSubmission(ctx.unit, opts.files ? { files: opts.files } : {});
		const report = JSON.parse(JSON.stringify(s.report)) as Record<string, unknown>;
		mutate(report);
		const body = new FormData();
		body.append('report', JSON.stringify(report));
		if (opts.pow !== 'none') {
			body.append(
				'pow',
				opts.pow === 'bad'
					? JSON.stringify({ challenge: 1, solution: 2 })
					: JSON.stringify(await solvePow(url))
			);
		}
		const parts = opts.attachmentCount ?? s.attachments.length;
		for (let i = 0; i < parts; i++) {
			body.append(
				`attachment${i}`,
				new Blob([(s.attachments[i] ?? new Uint8Array(100)) as Uint8Array<ArrayBuffer>])
			);
		}
		if (opts.extraPart) {
			body.append('attachment9', new Blob([new Uint8Array(100)]));
		}
		return postMultipart(url, '/api/v1/reports', body);
	};
	const setPath = (r: Record<string, unknown>, path: string, value: unknown) => {
		const keys = path.split('.');
		let target = r as Record<string, unknown>;
		for (const k of keys.slice(0, -1)) {
			target = target[k] as Record<string, unknown>;
		}
		target[keys.at(-1)!] = value;
	};
	const formPost = (
		path: string,
		fields: Record<string, string | string[]>,
		files: { name: string; size: number }[] = []
	) => {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) {
			for (const value of [v].flat()) {
				body.append(k, value);
			}
		}
		for (const f of files) {
			body.append('files', new Blob([new Uint8Array(f.size)], { type: 'image/jpeg' }), f.name);
		}
		return fetch(url + path, {
			method: 'POST',
			body,
			headers: { origin: url, accept: 'text/html' }
		});
	};
	const goodForm = () => ({
		types: 'robbery',
		area: 'stroud',
		warn: 'no',
		police: 'none',
		reporter: 'self',
		month: '2026-11'
	});
	const dupLookup = first.report.lookup_hash;

	const cases: [string, () => Promise<Response>][] = [
		[
			'json to multipart endpoint',
			() =>
				fetch(url + '/api/v1/reports', {
					method: 'POST',
					body: '{"v":1}',
					headers: { 'content-type': 'application/json' }
				})
		],
		[
			'garbage multipart',
			() =>
				fetch(url + '/api/v1/reports', {
					method: 'POST',
					body: Buffer.from(Array.from({ length: 2000 }, () => Math.floor(random() * 256))),
					headers: { 'content-type': 'multipart/form-data; boundary=zzz', origin: url }
				})
		],
		[
			'missing report part',
			() => {
				const b = new FormData();
				b.append('pow', '{}');
				return postMultipart(url, '/api/v1/reports', b);
			}
		],
		[
			'report not json',
			() => {
				const b = new FormData();
				b.append('report', '{"v":1,');
				return postMultipart(url, '/api/v1/reports', b);
			}
		],
		[
			'wrong type',
			() =>
				apiReport(
					(r) =>
						setPath(
							r,
							pick([
								...B64_FIELDS,
								'v',
								'unit_key_id',
								'envelope',
								'envelope.types',
								'envelope.warn',
								'envelope.attachments'
							]),
							pick(WRONG_VALUES)
						),
					{ pow: 'none' }
				)
		],
		[
			'bad base64',
			() => apiReport((r) => setPath(r, pick(B64_FIELDS), pick(BAD_B64)), { pow: 'none' })
		],
		[
			'bad enum',
			() =>
				apiReport(
					(r) =>
						setPath(
							r,
							pick([
								'envelope.area',
								'envelope.police',
								'envelope.under18',
								'envelope.reporter',
								'envelope.month',
								'envelope.lang'
							]),
							pick(['nowhere', 'ALL', '2026-13', '', 'EN'])
						),
					{ pow: 'none' }
				)
		],
		[
			'unknown type',
			() =>
				apiReport((r) => setPath(r, 'envelope.types', pick([['murder'], [], ['rape', 'rape']])), {
					pow: 'none'
				})
		],
		[
			'extra key',
			() =>
				apiReport(
					(r) =>
						setPath(r, pick(['narrative', 'envelope.narrative', 'envelope.extra']), 'smuggled'),
					{ pow: 'none' }
				)
		],
		[
			'ciphertext not padded',
			() =>
				apiReport(
					(r) =>
						setPath(
							r,
							'ciphertext',
							Buffer.alloc(1024 + 16 + 1 + Math.floor(random() * 500)).toString('base64url')
						),
					{ pow: 'none' }
				)
		],
		[
			'ciphertext too long',
			() =>
				apiReport(
					(r) => setPath(r, 'ciphertext', Buffer.alloc(65 * 1024 + 16).toString('base64url')),
					{ pow: 'none' }
				)
		],
		[
			'fewer attachments than announced',
			() =>
				apiReport((r) => setPath(r, 'envelope.attachments', 2), { pow: 'none', attachmentCount: 1 })
		],
		['unannounced attachment', () => apiReport(() => undefined, { pow: 'none', extraPart: true })],
		[
			'attachment too small',
			() =>
				apiReport((r) => setPath(r, 'envelope.attachments', 1), {
					pow: 'none',
					attachmentCount: 0,
					extraPart: false
				}).then(async () => {
					const s = await sealedSubmission(ctx.unit);
					const b = new FormData();
					b.append(
						'report',
						JSON.stringify({ ...s.report, envelope: { ...s.report.envelope, attachments: 1 } })
					);
					b.append('attachment0', new Blob([new Uint8Array(10)]));
					return postMultipart(url, '/api/v1/reports', b);
				})
		],
		[
			'too many attachments',
			() =>
				apiReport((r) => setPath(r, 'envelope.attachments', 6), { pow: 'none', attachmentCount: 6 })
		],
		['no proof of work', () => apiReport(() => undefined, { pow: 'none' })],
		['bad proof of work', () => apiReport(() => undefined, { pow: 'bad' })],
		['unknown unit key', () => apiReport((r) => setPath(r, 'unit_key_id', 'A'.repeat(22)))],
		['duplicate lookup', () => apiReport((r) => setPath(r, 'lookup_hash', dupLookup))],
		[
			'status bad lookup',
			() =>
				fetch(url + '/api/v1/status', {
					method: 'POST',
					body: JSON.stringify({ lookup: pick(BAD_B64) }),
					headers: { 'content-type': 'application/json' }
				})
		],
		[
			'status unknown lookup',
			() =>
				fetch(url + '/api/v1/status', {
					method: 'POST',
					body: JSON.stringify({
						lookup: Buffer.alloc(32, Math.floor(random() * 255)).toString('base64url')
					}),
					headers: { 'content-type': 'application/json' }
				})
		],
		[
			'status not json',
			() =>
				fetch(url + '/api/v1/status', {
					method: 'POST',
					body: '{{{',
					headers: { 'content-type': 'application/json' }
				})
		],
		[
			'consent bad',
			() =>
				fetch(url + '/api/v1/status/consent', {
					method: 'POST',
					body: JSON.stringify({ lookup: first.report.lookup_hash, warn: 'yes', police: 'maybe' }),
					headers: { 'content-type': 'application/json' }
				})
		],
		[
			'withdraw unknown',
			() =>
				fetch(url + '/api/v1/status/withdraw', {
					method: 'POST',
					body: JSON.stringify({ lookup: Buffer.alloc(32, 9).toString('base64url') }),
					headers: { 'content-type': 'application/json' }
				})
		],
		[
			'message garbage',
			() => {
				const b = new FormData();
				b.append('message', JSON.stringify({ lookup: 'x', nonce: 1 }));
				return postMultipart(url, '/api/v1/status/messages', b);
			}
		],
		[
			'message unknown report',
			() => {
				const b = new FormData();
				b.append(
					'message',
					JSON.stringify({
						lookup: Buffer.alloc(32, 3).toString('base64url'),
						nonce: Buffer.alloc(24).toString('base64url'),
						ciphertext: Buffer.alloc(256 + 16).toString('base64url'),
						key_for_unit: Buffer.alloc(80).toString('base64url'),
						key_for_reporter: Buffer.alloc(80).toString('base64url'),
						attachments: 0
					})
				);
				return postMultipart(url, '/api/v1/status/messages', b);
			}
		],
		['form: nothing chosen', () => formPost('/report', { narrative: 'x' })],
		[
			'form: bad enum',
			() =>
				formPost('/report', {
					...goodForm(),
					[pick(['area', 'police', 'warn', 'types', 'reporter', 'under18'])]: pick([
						'nowhere',
						'ALL',
						'maybe'
					])
				})
		],
		[
			'form: bad date',
			() =>
				formPost('/report', { ...goodForm(), date: pick(['yesterday', '2026-1-1', '31/12/2026']) })
		],
		[
			'form: too many files',
			() =>
				formPost(
					'/report',
					goodForm(),
					Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.jpg`, size: 10 }))
				)
		],
		['form: too long', () => formPost('/report', { ...goodForm(), narrative: 'x'.repeat(20001) })],
		[
			'form: garbage body',
			() =>
				fetch(url + '/report', {
					method: 'POST',
					body: 'a=%%%',
					headers: {
						'content-type': 'multipart/form-data; boundary=q',
						origin: url,
						accept: 'text/html'
					}
				})
		],
		[
			'form: cross-site null origin',
			() =>
				fetch(url + '/report', {
					method: 'POST',
					body: 'types=robbery',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						origin: 'null',
						'sec-fetch-site': 'cross-site'
					}
				})
		],
		[
			'form: foreign origin',
			() =>
				fetch(url + '/report', {
					method: 'POST',
					body: 'types=robbery',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						origin: 'https://evil.example'
					}
				})
		],
		[
			'status form: typo or unknown',
			() =>
				formPost('/status?/' + pick(['check', 'reply', 'consent', 'withdraw']), {
					code: pick([
						'',
						'abc',
						first.code.slice(0, 24) + (first.code[24] === 'A' ? 'B' : 'A'),
						'0123456789ABCDEFGHJKMNPNB'
					]),
					text: 'hi',
					warn: 'yes',
					police: 'none',
					confirm: 'yes'
				})
		]
	];

	const outcomes: Record<string, number[]> = {};
	let total = 0;
	// The expensive ones (10 MiB bodies) a few times, by name; the rest at random.
	const big: [string, () => Promise<Response>][] = [
		[
			'attachment over 10 MiB',
			() =>
				apiReport((r) => setPath(r, 'envelope.attachments', 1), {
					pow: 'none',
					files: [new Uint8Array(MAX_FILE_BYTES + 1)]
				})
		],
		[
			'form: file over 10 MiB',
			() => formPost('/report', goodForm(), [{ name: 'big.jpg', size: MAX_FILE_BYTES + 1 }])
		],
		[
			'large garbage multipart',
			() =>
				fetch(url + '/api/v1/reports', {
					method: 'POST',
					body: Buffer.alloc(MAX_ENCRYPTED_FILE + 5, 0x2d),
					headers: { 'content-type': 'multipart/form-data; boundary=--', origin: url }
				})
		]
	];
	const run = async ([name, send]: [string, () => Promise<Response>]) => {
		const res = await send();
		const text = await res.text();
		(outcomes[name] ??= []).push(res.status);
		total++;
		expect(res.status, `${name}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
		expect(res.status, `${name}: ${text.slice(0, 200)}`).toBeLessThan(500);
		// No stack trace: no "    at file:line:col" frames, no module paths.
		expect(text, name).not.toMatch(/^\s+at .+:\d+:\d+\)?$|node_modules|\.ts:\d+/m);
		if (
			(res.headers.get('content-type') ?? '').includes('application/json') &&
			name !== 'form: foreign origin'
		) {
			const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
			expect(typeof body.error?.code, name).toBe('string');
			expect(typeof body.error?.message, name).toBe('string');
		}
	};
	for (const c of big) {
		for (let i = 0; i < 2; i++) {
			await run(c);
		}
	}
	for (const c of cases) {
		await run(c);
	} // every kind at least once
	while (total < 520) {
		await run(pick(cases));
	}

	expect(total).toBeGreaterThanOrEqual(500);
	expect(outcomes['duplicate lookup']).toContain(409);
	expect(outcomes['unknown unit key']).toContain(400);
	expect(outcomes['attachment over 10 MiB']).toContain(413);
	const after = databaseFingerprint(ctx.portal.dbPath);
	expect(after.counts).toEqual(before.counts);
	expect(after.hash).toBe(before.hash);
});
