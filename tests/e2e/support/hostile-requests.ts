import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Random } from '../../support/prng';

/**
 * Hostile requests, made from a seeded generator: wrong types, huge and empty values, invalid
 * UTF-8, bad base64, wrong lengths, deep JSON, multipart tricks, SQL and script payloads, and path
 * tricks in references and ids. Field names come from the code itself (form field names in the
 * pages, keys of the valibot schemas), so a field added later is fuzzed too.
 */
export interface HostileRequest {
	kind: string;
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: Uint8Array | string;
}

function filesUnder(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			filesUnder(path, out);
		} else if (/\.(ts|svelte)$/.test(name)) {
			out.push(path);
		}
	}
	return out;
}

/** Every form field name and schema key in the source, plus the wire fields of the JSON API. */
export function fieldNames(src = join(process.cwd(), 'src')): string[] {
	const names = new Set([
		'v',
		'unit_key_id',
		'envelope',
		'nonce',
		'ciphertext',
		'key_for_unit',
		'key_for_reporter',
		'reporter_pk',
		'lookup_hash',
		'lookup',
		'code',
		'message',
		'report',
		'pow',
		'attachment0',
		'files',
		'username',
		'auth_key',
		'signature',
		'index_values'
	]);
	for (const file of filesUnder(src)) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/\bname="([A-Za-z_][\w-]*)"/g)) {
			names.add(m[1]);
		}
		for (const m of text.matchAll(/^\s+([a-z_][A-Za-z0-9_]*): v\./gm)) {
			names.add(m[1]);
		}
	}
	return [...names].sort();
}

const SCRIPT = '<script>window.__pwned=1</script>';
/** Text values no real client sends: injection, markup, control and odd Unicode, edge numbers. */
const STRINGS = [
	'',
	' ',
	'0',
	'-1',
	'1e309',
	'NaN',
	'null',
	'undefined',
	'true',
	'[]',
	'{}',
	"' OR '1'='1",
	"'; DROP TABLE reports; --",
	'1; select * from staff',
	'" OR ""="',
	SCRIPT,
	'"><img src=x onerror=window.__pwned=1>',
	'javascript:alert(1)',
	'{{7*7}}${7*7}',
	'../../../../etc/passwd',
	'..%2f..%2f..%2fetc%2fpasswd',
	'%00',
	'\u0000',
	'\ud800',
	'\u202eevil',
	'\ufeff',
	'🙂'.repeat(50),
	'9'.repeat(400),
	'2026-13-45',
	'AAAA=',
	'!!!!',
	'A'.repeat(43),
	'A'.repeat(44),
	'__proto__',
	'constructor',
	'rape',
	'admin',
	'gloucester'
];
const BASE64_JUNK = ['AAAA=', 'AA+/', '!!!!', 'A', '', 'é', 'A'.repeat(43), 'A'.repeat(10_000)];
const PATH_TRICKS = [
	'..',
	'..%2f..%2fetc%2fpasswd',
	'%2e%2e%2f%2e%2e%2f',
	'%00',
	'%FF%FE',
	"'%20OR%201=1--",
	'%3Cscript%3E',
	'x'.repeat(5000),
	'0',
	'-1',
	'99999999999999999999',
	'%E2%80%AE',
	'.git',
	'%252e%252e'
];
const ACTION_TRICKS = ['?/nothing', '?/', '?/__proto__', '?/constructor', '?/a/b', '?//', '?/%00'];

const INVALID_UTF8 = [
	[0xff, 0xfe, 0xfd],
	[0xc0, 0xaf],
	[0xed, 0xa0, 0x80],
	[0xf8, 0x88, 0x80, 0x80, 0x80],
	[0xe2, 0x82]
];

/** Percent-encodes like encodeURIComponent; a lone surrogate, which it refuses, becomes the
 * invalid UTF-8 it would be. */
export const encode = (s: string) => {
	try {
		return encodeURIComponent(s);
	} catch {
		return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
	}
};

export function hostileRequests(random: Random, fields: string[]) {
	const { pick, int, chance } = random;
	const str = (): string => {
		const s = pick(STRINGS);
		return chance(0.1) ? s.repeat(1 + int(200)) : s;
	};
	const value = (depth = 0): unknown => {
		switch (int(depth > 2 ? 6 : 9)) {
			case 0:
				return null;
			case 1:
				return pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 42]);
			case 2:
				return chance(0.5);
			case 3:
				return pick(BASE64_JUNK);
			case 4:
			case 5:
				return str();
			case 6:
				return Array.from({ length: int(4) }, () => value(depth + 1));
			case 7:
				return Object.fromEntries(
					Array.from({ length: int(4) }, () => [pick(fields), value(depth + 1)])
				);
			default:
				return { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } };
		}
	};
	const someFields = () =>
		Object.fromEntries(Array.from({ length: 1 + int(6) }, () => [pick(fields), value()]));
	const invalidUtf8 = (prefix: string, suffix = '') =>
		Buffer.concat([Buffer.from(prefix), Buffer.from(pick(INVALID_UTF8)), Buffer.from(suffix)]);

	const json = (): { kind: string; type: string; body: Uint8Array | string } => {
		const type = 'application/json';
		switch (int(11)) {
			case 0:
				return { kind: 'json: wrong top-level type', type, body: JSON.stringify(value(3)) };
			case 1:
			case 2:
			case 3:
				return {
					kind: 'json: known fields, junk values',
					type,
					body: JSON.stringify(someFields())
				};
			case 4:
				return {
					kind: 'json: huge value',
					type,
					body: JSON.stringify({ [pick(fields)]: 'x'.repeat(pick([20_000, 300_000, 2_000_000])) })
				};
			case 5:
				return { kind: 'json: empty body', type, body: '' };
			case 6:
				return {
					kind: 'json: invalid UTF-8',
					type,
					body: invalidUtf8(`{"${pick(fields)}":"`, '"}')
				};
			case 7: {
				const depth = pick([100, 5_000, 200_000]);
				return chance(0.5)
					? { kind: 'json: deep arrays', type, body: '['.repeat(depth) + ']'.repeat(depth) }
					: {
							kind: 'json: deep objects',
							type,
							body: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
						};
			}
			case 8:
				return {
					kind: 'json: duplicate keys and proto',
					type,
					body: `{"${pick(fields)}":1,"__proto__":{"role":"admin"},"${pick(fields)}":"x","constructor":{"prototype":{"a":1}}}`
				};
			case 9:
				return {
					kind: 'json: truncated',
					type,
					body: JSON.stringify(someFields()).slice(0, -1 - int(5))
				};
			default:
				return {
					kind: 'json: wrong content type',
					type: pick(['text/plain', 'application/xml', 'application/json-patch+json', '']),
					body: JSON.stringify(someFields())
				};
		}
	};

	const boundary = () => `----hostile${int(1e9)}`;
	const multipart = (parts: [string, string | Uint8Array, string?][], b = boundary()) => {
		const chunks: Buffer[] = [];
		for (const [name, data, filename] of parts) {
			chunks.push(
				Buffer.from(
					`--${b}\r\nContent-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"` : ''}\r\n` +
						(filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : '') +
						'\r\n'
				),
				Buffer.from(data),
				Buffer.from('\r\n')
			);
		}
		chunks.push(Buffer.from(`--${b}--\r\n`));
		return {
			body: new Uint8Array(Buffer.concat(chunks)),
			type: `multipart/form-data; boundary=${b}`
		};
	};
	const urlencoded = (pairs: [string, string][]) =>
		pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
	const formPairs = (): [string, string][] =>
		Array.from({ length: 1 + int(8) }, () => [pick(fields), str()]);

	const form = (): { kind: string; type: string; body: Uint8Array | string } => {
		const type = 'application/x-www-form-urlencoded';
		switch (int(12)) {
			case 0:
			case 1:
			case 2:
				return { kind: 'form: known fields, junk values', type, body: urlencoded(formPairs()) };
			case 3: {
				const m = multipart(formPairs());
				return { kind: 'form: multipart junk', ...m };
			}
			case 4: {
				const n = pick([500, 2_000, 5_000]);
				const m = multipart(Array.from({ length: n }, (_, i) => [pick(fields), String(i)]));
				return { kind: 'form: thousands of parts', ...m };
			}
			case 5: {
				const m = multipart(formPairs());
				return {
					kind: 'form: multipart without boundary',
					type: 'multipart/form-data',
					body: m.body
				};
			}
			case 6: {
				const m = multipart(formPairs());
				return {
					kind: 'form: multipart cut short',
					type: m.type,
					body: m.body.slice(0, Math.max(1, int(m.body.length)))
				};
			}
			case 7:
				return {
					kind: 'form: wrong content type',
					type: pick(['application/json', 'text/plain', 'application/octet-stream', 'image/png']),
					body: urlencoded(formPairs())
				};
			case 8:
				return {
					kind: 'form: invalid UTF-8',
					type,
					body: chance(0.5)
						? `${pick(fields)}=%FF%FE%ED%A0%80&${pick(fields)}=%C0%AF`
						: invalidUtf8(`${pick(fields)}=`)
				};
			case 9:
				return {
					kind: 'form: huge value',
					type,
					body: urlencoded([[pick(fields), 'x'.repeat(pick([70_000, 600_000]))]])
				};
			case 10: {
				const m = multipart([
					[
						pick(fields),
						new Uint8Array(int(3000)),
						pick(['../../etc/passwd', '', 'a\u0000.jpg', '%00.png'])
					],
					[pick(fields), str()]
				]);
				return { kind: 'form: files where text belongs, with path tricks in names', ...m };
			}
			default:
				return { kind: 'form: empty body', type, body: '' };
		}
	};

	return {
		json,
		form,
		str,
		pathTrick: () => pick(PATH_TRICKS),
		actionTrick: () => pick(ACTION_TRICKS)
	};
}
