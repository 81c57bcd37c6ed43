import { DomainError } from '../errors';
import {
	FORM_OVERRUN_MESSAGES,
	MAX_FORM_FIELDS,
	MAX_FORM_TEXT_BYTES,
	MAX_PART_HEADER_BYTES,
	multipartBoundary,
	type FormOverrun
} from './form-budget';

const CRLF = Buffer.from('\r\n');
const CRLFCRLF = Buffer.from('\r\n\r\n');
const DASH = 0x2d;
// RFC 2046: 1 to 70 characters from a small set (a space only inside).
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const DISPOSITION = /^content-disposition:\s*form-data\s*(;.*)?$/i;
const TYPE = /^content-type:\s*(.*)$/i;

/** A multipart body that cannot be read: malformed, or cut off on its way in. */
export const unreadableMultipart = () =>
	new DomainError(400, 'bad_multipart', 'The multipart body could not be read.');
const overrun = (code: FormOverrun) => new DomainError(413, code, FORM_OVERRUN_MESSAGES[code]);

/**
 * A multipart/form-data body (RFC 7578) already read whole, as FormData: each part's bytes are
 * found by one search for the next delimiter, not streamed and copied again as the web platform's
 * `Request.formData()` does. A part with a file name is a File, any other part text (UTF-8).
 * The form limits of form-budget.ts hold here too: at most MAX_FORM_FIELDS parts, and at most
 * MAX_FORM_TEXT_BYTES of headers and text. Anything malformed (no boundary, a part without a
 * name, an unterminated body) is a 400 and nothing is kept.
 */
export function parseMultipart(bytes: Uint8Array, contentType: string | null): FormData {
	const boundary = multipartBoundary(contentType);
	if (!boundary || !BOUNDARY.test(boundary)) {
		throw unreadableMultipart();
	}
	const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// Every delimiter but the first follows a line break; a preamble before the first is ignored.
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const first = body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2))
		? 0
		: body.indexOf(delimiter);
	if (first < 0) {
		throw unreadableMultipart();
	}
	const form = new FormData();
	let parts = 0;
	let text = 0;
	let at = first === 0 ? delimiter.length - 2 : first + delimiter.length;
	for (;;) {
		if (body[at] === DASH && body[at + 1] === DASH) {
			return form; // the closing delimiter; an epilogue after it is ignored
		}
		// Transport padding (spaces and tabs) may follow a delimiter before its line break.
		while (body[at] === 0x20 || body[at] === 0x09) {
			at++;
		}
		if (!body.subarray(at, at + 2).equals(CRLF)) {
			throw unreadableMultipart();
		}
		if (++parts > MAX_FORM_FIELDS) {
			throw overrun('too_many_fields');
		}
		const headStart = at + 2;
		const headEnd = body.indexOf(CRLFCRLF, headStart);
		if (headEnd < 0 || headEnd - headStart > MAX_PART_HEADER_BYTES) {
			throw headEnd < 0 ? unreadableMultipart() : overrun('too_much_text');
		}
		const head = partHead(body.toString('latin1', headStart, headEnd));
		const valueStart = headEnd + CRLFCRLF.length;
		const valueEnd = body.indexOf(delimiter, valueStart);
		if (valueEnd < 0) {
			throw unreadableMultipart();
		}
		const value = body.subarray(valueStart, valueEnd);
		if (head.filename === undefined) {
			text += headEnd - headStart + value.length;
			if (text > MAX_FORM_TEXT_BYTES) {
				throw overrun('too_much_text');
			}
			form.append(head.name, value.toString('utf8'));
		} else {
			text += headEnd - headStart;
			if (text > MAX_FORM_TEXT_BYTES) {
				throw overrun('too_much_text');
			}
			form.append(
				head.name,
				new File([value as Uint8Array<ArrayBuffer>], head.filename, { type: head.type })
			);
		}
		at = valueEnd + delimiter.length;
	}
}

interface PartHead {
	name: string;
	filename?: string;
	type: string;
}

/** A part's headers: Content-Disposition must say form-data and name it; others are ignored. */
function partHead(headers: string): PartHead {
	let disposition: Map<string, string> | undefined;
	let type = '';
	for (const line of headers.split('\r\n')) {
		const found = DISPOSITION.exec(line);
		if (found) {
			disposition = dispositionParams(found[1] ?? '');
			continue;
		}
		const typed = TYPE.exec(line);
		if (typed) {
			type = typed[1].trim();
		}
	}
	const name = disposition?.get('name');
	if (name === undefined || name === '') {
		throw unreadableMultipart();
	}
	const filename = disposition?.get('filename');
	return {
		name: fieldText(name),
		filename: filename === undefined ? undefined : fieldText(filename),
		type
	};
}

/** `; name="report"; filename="a.bin"`: quoted or bare values (a quote inside is sent as %22). */
function dispositionParams(rest: string): Map<string, string> {
	const params = new Map<string, string>();
	const param = /;\s*([^\s=;]+)\s*=\s*(?:"([^"]*)"|([^\s;"]*))\s*/gy;
	let found: RegExpExecArray | null;
	let end = 0;
	while ((found = param.exec(rest)) !== null) {
		const key = found[1].toLowerCase();
		if (params.has(key)) {
			throw unreadableMultipart();
		}
		params.set(key, found[2] ?? found[3]);
		end = param.lastIndex;
	}
	if (rest.slice(end).trim() !== '') {
		throw unreadableMultipart();
	}
	return params;
}

/**
 * A name or file name as it was given: UTF-8 on the wire (the header was read a byte per
 * character), with the three characters HTML's form encoding escapes (CR, LF, ") restored.
 */
const fieldText = (latin1: string) =>
	Buffer.from(latin1, 'latin1')
		.toString('utf8')
		.replace(/%0A/gi, '\n')
		.replace(/%0D/gi, '\r')
		.replace(/%22/g, '"');
