import { expect, test } from '@playwright/test';
import { connect } from 'node:net';
import { ADAPTER_ENTRY } from '../../scripts/local-portal.js';
import { sealedSubmission, solvePow } from '../support/api-client';
import { SECURITY_HEADERS } from '../../src/lib/server/hooks/baseline-headers.js';
import { installUnitKey, type TestUnit } from '../support/unit-keyring';
import { rawRequest } from './support/raw-request';
import { startPortal, type Portal } from './support/portal';

/**
 * Under `npm start`, scripts/serve.js answers POST /api/v1/reports itself (the direct intake,
 * src/lib/server/reports/direct-intake.ts); the SvelteKit route answers it everywhere else. The
 * same requests go to both (serve.js, and adapter-node's own entry to the same build) and must get
 * the same status, the same error body and the same headers that matter to a client.
 */
const LIMITS = { BODY_SIZE_LIMIT: '64K' };
let direct: { portal: Portal; unit: TestUnit };
let framework: { portal: Portal; unit: TestUnit };

test.beforeAll(async () => {
	const [a, b] = await Promise.all([
		startPortal(LIMITS),
		startPortal(LIMITS, { entry: ADAPTER_ENTRY })
	]);
	direct = { portal: a, unit: await installUnitKey(a.dbPath) };
	framework = { portal: b, unit: await installUnitKey(b.dbPath) };
});
test.afterAll(async () => {
	await Promise.all([direct?.portal.close(), framework?.portal.close()]);
});

type Side = { portal: Portal; unit: TestUnit };
type Answer = { status: number; body: unknown; type: string | null; retryAfter: string | null };

/** A multipart body written out by hand, so malformed ones can be sent too. */
const multipart = (parts: [name: string, value: string | Uint8Array, file?: string][]) => {
	const chunks: Buffer[] = [];
	for (const [name, value, file] of parts) {
		chunks.push(
			Buffer.from(
				`--b0undary\r\nContent-Disposition: form-data; name="${name}"` +
					(file ? `; filename="${file}"\r\nContent-Type: application/octet-stream` : '') +
					'\r\n\r\n'
			),
			Buffer.from(value),
			Buffer.from('\r\n')
		);
	}
	return Buffer.concat([...chunks, Buffer.from('--b0undary--\r\n')]);
};
const MULTIPART = 'multipart/form-data; boundary=b0undary';

async function send(
	side: Side,
	body: Uint8Array | string,
	headers: Record<string, string> = {}
): Promise<Answer> {
	const res = await rawRequest(side.portal.url, {
		method: 'POST',
		path: '/api/v1/reports',
		headers: {
			origin: side.portal.url,
			'content-type': MULTIPART,
			'content-length': String(Buffer.byteLength(body)),
			...headers
		},
		body
	});
	// The two portals differ only in their port: an answer naming the address names it as one.
	const text = res.text.replaceAll(side.portal.url, 'ORIGIN');
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// compared as text
	}
	return {
		status: res.status,
		body: parsed,
		type: res.headers.get('content-type'),
		retryAfter: res.headers.get('retry-after') === null ? null : 'set'
	};
}

/** A report sealed to the side's own unit key, with its own proof of work. */
async function validParts(side: Side, code?: string) {
	const submission = await sealedSubmission(side.unit, { code });
	return {
		code: submission.code,
		report: JSON.stringify(submission.report),
		pow: JSON.stringify(await solvePow(side.portal.url))
	};
}

/** Sends a valid report (with `code`, a code already used, when given); returns its answer. */
async function sendValid(side: Side, code?: string) {
	const parts = await validParts(side, code);
	const answer = await send(
		side,
		multipart([
			['report', parts.report],
			['pow', parts.pow]
		])
	);
	return { code: parts.code, answer };
}

const CASES: [string, (side: Side) => Promise<Answer>][] = [
	[
		'a valid report, then the same code again',
		async (side) => {
			const { code, answer: first } = await sendValid(side);
			expect(first.status).toBe(201);
			expect((first.body as { ref: string }).ref).toMatch(/^[0-9A-Z-]+$/);
			return (await sendValid(side, code)).answer;
		}
	],
	[
		'JSON instead of multipart',
		(side) => send(side, '{"v":1}', { 'content-type': 'application/json' })
	],
	['no content type', (side) => send(side, 'x', { 'content-type': '' })],
	[
		'multipart without a boundary',
		(side) => send(side, multipart([['report', '{}']]), { 'content-type': 'multipart/form-data' })
	],
	[
		'an unterminated body',
		(side) => send(side, '--b0undary\r\nContent-Disposition: form-data; name="report"\r\n\r\n{')
	],
	['no report part', (side) => send(side, multipart([['pow', '{}']]))],
	['a report that is not JSON', (side) => send(side, multipart([['report', '{"v":1,']]))],
	[
		'a report of the wrong shape',
		(side) =>
			send(
				side,
				multipart([
					['report', '{"v":1}'],
					['pow', '{}']
				])
			)
	],
	[
		'a proof of work that is not one',
		async (side) => {
			const { report } = await validParts(side);
			return send(
				side,
				multipart([
					['report', report],
					['pow', '{"challenge":{}}']
				])
			);
		}
	],
	[
		'a part nobody asked for',
		async (side) => {
			const { report, pow } = await validParts(side);
			return send(
				side,
				multipart([
					['report', report],
					['pow', pow],
					['attachment0', new Uint8Array(100), 'a.bin']
				])
			);
		}
	],
	[
		'posted from another site',
		(side) => send(side, multipart([['report', '{}']]), { origin: 'https://elsewhere.example' })
	],
	[
		'a null origin from this site, as a browser without referrers sends it',
		(side) =>
			send(side, multipart([['pow', '{}']]), { origin: 'null', 'sec-fetch-site': 'same-origin' })
	],
	[
		'a null origin from another site',
		(side) =>
			send(side, multipart([['pow', '{}']]), { origin: 'null', 'sec-fetch-site': 'cross-site' })
	],
	[
		'a thousand empty parts',
		(side) =>
			send(
				side,
				multipart(Array.from({ length: 1000 }, (_, i) => [`p${i}`, ''] as [string, string]))
			)
	],
	[
		'a body over BODY_SIZE_LIMIT',
		(side) => send(side, multipart([['attachment0', new Uint8Array(80 * 1024), 'a.bin']]))
	]
];

for (const [name, make] of CASES) {
	test(`the same answer from both: ${name}`, async () => {
		const [fromDirect, fromFramework] = [await make(direct), await make(framework)];
		expect(fromDirect).toEqual(fromFramework);
		expect(fromDirect.status).toBeGreaterThanOrEqual(400);
		expect(fromDirect.status).toBeLessThan(500);
		expect(fromDirect.type).toBe('application/json');
		expect((fromDirect.body as { error: { code: string } }).error.code).toEqual(expect.any(String));
	});
}

test('the direct intake answers with the header baseline every response carries', async () => {
	const res = await send(direct, multipart([['pow', '{}']]));
	expect(res.status).toBe(400);
	const raw = await rawRequest(direct.portal.url, {
		method: 'POST',
		path: '/api/v1/reports',
		headers: { origin: direct.portal.url, 'content-type': MULTIPART },
		body: multipart([['pow', '{}']])
	});
	for (const [header, value] of Object.entries(SECURITY_HEADERS)) {
		expect(raw.headers.get(header), header).toBe(value);
	}
	expect(raw.headers.get('cache-control')).toBe('no-store');
});

test('a body cut off on its way in is dropped quietly, and the next report still comes in', async () => {
	for (const side of [direct, framework]) {
		const { hostname, port } = new URL(side.portal.url);
		await new Promise<void>((resolve) => {
			const socket = connect(Number(port), hostname, () => {
				socket.write(
					`POST /api/v1/reports HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${side.portal.url}\r\n` +
						`Content-Type: ${MULTIPART}\r\nContent-Length: 100000\r\n\r\n--b0undary\r\n`,
					() => setTimeout(() => socket.destroy(), 100)
				);
			});
			socket.on('close', () => resolve());
			socket.on('error', () => undefined);
		});
	}
	await new Promise((resolve) => setTimeout(resolve, 200));
	for (const side of [direct, framework]) {
		expect(side.portal.output()).not.toContain('unexpected error');
	}
	expect((await sendValid(direct)).answer.status).toBe(201);
});

test('the same rate limit on both, answered the same way', async () => {
	// 30 a minute from one address (README "Rate limits"); the cases above spent some already.
	const spend = async (side: Side) => {
		for (let i = 0; i < 40; i++) {
			const answer = await send(side, multipart([['pow', '{}']]));
			if (answer.status === 429) {
				return answer;
			}
		}
		throw new Error('never limited');
	};
	const [fromDirect, fromFramework] = [await spend(direct), await spend(framework)];
	expect(fromDirect).toEqual(fromFramework);
	expect(fromDirect.retryAfter).toBe('set');
});
