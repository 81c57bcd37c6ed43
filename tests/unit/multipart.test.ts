import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { MAX_FORM_FIELDS, MAX_FORM_TEXT_BYTES } from '../../src/lib/server/http/form-budget';
import { parseMultipart } from '../../src/lib/server/http/multipart';

/** A body as the platform's own FormData serialiser writes it (browsers and Node alike). */
async function encoded(form: FormData) {
	const response = new Response(form);
	return {
		body: new Uint8Array(await response.arrayBuffer()),
		type: response.headers.get('content-type')!
	};
}

/** The entries of a FormData, files by name, type and bytes, so two forms compare as values. */
async function entries(form: FormData) {
	const out: unknown[] = [];
	for (const [name, value] of form.entries()) {
		out.push(
			typeof value === 'string'
				? [name, value]
				: [name, value.name, value.type, Buffer.from(await value.arrayBuffer()).toString('hex')]
		);
	}
	return out;
}

/** Seeded, so a failure names a form that can be made again. */
function seeded(seed: number) {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const TRICKY = [
	'',
	'report',
	'\r\n',
	'--',
	'\r\n--',
	'é ü 漢字 🙂',
	'"quoted"',
	'a\\b',
	'%22',
	'\0'
];

function randomForm(random: () => number): FormData {
	const form = new FormData();
	const count = Math.floor(random() * 12);
	for (let i = 0; i < count; i++) {
		const name = random() < 0.2 ? TRICKY[Math.floor(random() * TRICKY.length)] || 'x' : `part${i}`;
		if (random() < 0.3) {
			const bytes = randomBytes(Math.floor(random() * 3000));
			// Files that hold line breaks and dashes where a delimiter would start.
			if (bytes.length >= 8) {
				bytes.set(Buffer.from('\r\n--'), 3);
			}
			form.append(name, new File([bytes], `file${i}.bin`, { type: 'application/octet-stream' }));
		} else {
			const text = Array.from(
				{ length: Math.floor(random() * 6) },
				() => TRICKY[Math.floor(random() * TRICKY.length)]
			).join(random() < 0.5 ? '' : 'x'.repeat(Math.floor(random() * 500)));
			form.append(name, text);
		}
	}
	return form;
}

const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (err) {
		expect(err).toBeInstanceOf(DomainError);
		const { status, code } = err as DomainError;
		return { status, code };
	}
	throw new Error('the body was accepted');
};

describe('multipart bodies read whole', () => {
	it('reads 300 seeded forms exactly as the platform’s own Request.formData() does', async () => {
		const random = seeded(14);
		for (let i = 0; i < 300; i++) {
			const { body, type } = await encoded(randomForm(random));
			const platform = await new Response(body, { headers: { 'content-type': type } }).formData();
			expect(await entries(parseMultipart(body, type)), `form ${i}`).toEqual(
				await entries(platform)
			);
		}
	});

	it('takes a quoted boundary, a preamble, transport padding and an epilogue', async () => {
		const body = Buffer.from(
			'a preamble\r\n--b q\t \r\nContent-Disposition: form-data; name=report\r\n\r\n{}\r\n--b q--\r\nepilogue'
		);
		const form = parseMultipart(body, 'multipart/form-data; boundary="b q"');
		expect(await entries(form)).toEqual([['report', '{}']]);
	});

	it('refuses what is not a multipart body with a 400, never a crash', () => {
		const type = 'multipart/form-data; boundary=xyz';
		const cases: [string, string | null][] = [
			['--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue', type], // never closed
			['--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--xyz', type], // cut off
			['--xyz\r\nContent-Disposition: form-data; name="a"', type], // headers never end
			['--xyz\r\nContent-Disposition: form-data\r\n\r\nv\r\n--xyz--', type], // no name
			['--xyz\r\nContent-Disposition: form-data; name=""\r\n\r\nv\r\n--xyz--', type],
			['--xyz\r\nContent-Disposition: attachment; name="a"\r\n\r\nv\r\n--xyz--', type],
			['--xyz\r\nContent-Disposition: form-data; name="a"; name="b"\r\n\r\nv\r\n--xyz--', type],
			['--xyz\r\nContent-Disposition: form-data; name="a" junk\r\n\r\nv\r\n--xyz--', type],
			['--xyzContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--xyz--', type],
			['no delimiter at all', type],
			['', type],
			['--xyz--', 'multipart/form-data'], // no boundary
			['--xyz--', 'multipart/form-data; boundary='],
			['--xyz--', `multipart/form-data; boundary=${'x'.repeat(71)}`],
			['--xyz--', null]
		];
		for (const [body, contentType] of cases) {
			expect(
				refusal(() => parseMultipart(Buffer.from(body), contentType)),
				body
			).toEqual({
				status: 400,
				code: 'bad_multipart'
			});
		}
	});

	it('holds the form limits: parts, and the text of parts that are not files', () => {
		const type = 'multipart/form-data; boundary=xyz';
		const part = (name: string, value: string, file = '') =>
			`--xyz\r\nContent-Disposition: form-data; name="${name}"${file}\r\n\r\n${value}\r\n`;
		const many = Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => part(`p${i}`, '')).join('');
		expect(refusal(() => parseMultipart(Buffer.from(many + '--xyz--'), type))).toEqual({
			status: 413,
			code: 'too_many_fields'
		});
		const enough = Array.from({ length: MAX_FORM_FIELDS }, (_, i) => part(`p${i}`, '')).join('');
		expect([...parseMultipart(Buffer.from(enough + '--xyz--'), type).keys()]).toHaveLength(
			MAX_FORM_FIELDS
		);
		const long = part('a', 'x'.repeat(MAX_FORM_TEXT_BYTES)) + '--xyz--';
		expect(refusal(() => parseMultipart(Buffer.from(long), type))).toEqual({
			status: 413,
			code: 'too_much_text'
		});
		// A file's bytes are not text: the body size limit and the attachment rules bound them.
		const file = part('f', 'x'.repeat(MAX_FORM_TEXT_BYTES + 10), '; filename="f.bin"');
		const form = parseMultipart(Buffer.from(file + '--xyz--'), type);
		expect((form.get('f') as File).size).toBe(MAX_FORM_TEXT_BYTES + 10);
	});
});
