import { describe, expect, it } from 'vitest';
import {
	formCounterFor,
	MAX_FORM_FIELDS,
	MAX_FORM_TEXT_BYTES,
	multipartCounter,
	urlencodedCounter,
	type FormCounter,
	type FormOverrun
} from '../../src/lib/server/http/form-budget';

const bytes = (s: string) => new TextEncoder().encode(s);

/** Feeds a body in chunks of `size` bytes; the first overrun, or null if it stayed in budget. */
function feed(counter: FormCounter, body: Uint8Array, size = 4096): FormOverrun | null {
	for (let at = 0; at < body.length; at += size) {
		const overrun = counter.push(body.subarray(at, at + size));
		if (overrun) {
			return overrun;
		}
	}
	return null;
}

const BOUNDARY = '----form7Xq';
function multipart(parts: { name: string; value: string; file?: string }[]): Uint8Array {
	const out = parts.map(
		(p) =>
			`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"` +
			(p.file ? `; filename="${p.file}"\r\nContent-Type: application/octet-stream` : '') +
			`\r\n\r\n${p.value}\r\n`
	);
	return bytes(out.join('') + `--${BOUNDARY}--\r\n`);
}

describe('form budget: a form is refused while it streams in', () => {
	it('refuses a million empty urlencoded fields after a few hundred', () => {
		const body = bytes('intent=add_phone' + '&phone='.repeat(1_000_000));
		const counter = urlencodedCounter();
		let read = 0;
		let overrun: FormOverrun | null = null;
		for (let at = 0; at < body.length && !overrun; at += 4096) {
			overrun = counter.push(body.subarray(at, at + 4096));
			read += 4096;
		}
		expect(overrun).toBe('too_many_fields');
		console.log(`refused after ${read} of ${body.length} bytes`);
		expect(read).toBeLessThan(8 * 4096);
	});

	it('accepts a form at the field limit and refuses one field more', () => {
		const at = 'a=1' + '&b=2'.repeat(MAX_FORM_FIELDS - 1);
		expect(feed(urlencodedCounter(), bytes(at))).toBeNull();
		expect(feed(urlencodedCounter(), bytes(at + '&c=3'))).toBe('too_many_fields');
	});

	it('refuses more than 1 MiB of urlencoded text', () => {
		expect(feed(urlencodedCounter(), bytes('narrative=' + 'x'.repeat(MAX_FORM_TEXT_BYTES)))).toBe(
			'too_much_text'
		);
	});

	it('counts multipart fields, wherever the chunks split the delimiters', () => {
		const many = multipart(
			Array.from({ length: MAX_FORM_FIELDS + 1 }, () => ({ name: 'phone', value: '' }))
		);
		for (const size of [1, 7, 64, 4096]) {
			expect(feed(multipartCounter(BOUNDARY), many, size), `chunks of ${size}`).toBe(
				'too_many_fields'
			);
		}
		const fine = multipart(
			Array.from({ length: MAX_FORM_FIELDS }, () => ({ name: 'phone', value: '07700 900123' }))
		);
		for (const size of [1, 13, 4096]) {
			expect(feed(multipartCounter(BOUNDARY), fine, size), `chunks of ${size}`).toBeNull();
		}
	});

	it('counts the text of multipart fields but not the bytes of files', () => {
		const big = 'x'.repeat(MAX_FORM_TEXT_BYTES + 1);
		const asText = multipart([{ name: 'narrative', value: big }]);
		const asFile = multipart([
			{ name: 'narrative', value: 'short' },
			{ name: 'files', value: big + big, file: 'photo.jpg' },
			{ name: 'files', value: big, file: 'photo2.jpg' }
		]);
		expect(feed(multipartCounter(BOUNDARY), asText)).toBe('too_much_text');
		expect(feed(multipartCounter(BOUNDARY), asFile)).toBeNull();
	});

	it('refuses a multipart part whose headers never end', () => {
		const body = bytes(
			`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${'n'.repeat(40_000)}`
		);
		expect(feed(multipartCounter(BOUNDARY), body)).toBe('too_much_text');
	});

	it('picks the counter from the Content-Type', () => {
		expect(formCounterFor('application/json')).toBeNull();
		expect(formCounterFor(null)).toBeNull();
		const quoted = formCounterFor(`multipart/form-data; boundary="${BOUNDARY}"`)!;
		const many = multipart(
			Array.from({ length: MAX_FORM_FIELDS + 1 }, () => ({ name: 'email', value: '' }))
		);
		expect(feed(quoted, many)).toBe('too_many_fields');
	});
});
