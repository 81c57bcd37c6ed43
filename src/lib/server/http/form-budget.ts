/**
 * What one form post may hold before any route reads it. The largest real form (the report, with
 * every list at its maximum) has under 200 fields and well under 200 KiB of text; files are not
 * counted here (the body size limit and the attachment rules bound them).
 */
export const MAX_FORM_FIELDS = 400;
export const MAX_FORM_TEXT_BYTES = 1024 * 1024;
/** The headers of one multipart part (name, file name, type) are short. */
export const MAX_PART_HEADER_BYTES = 16 * 1024;

export type FormOverrun = 'too_many_fields' | 'too_much_text';

/** What a person is told when a form passes a limit, wherever it is refused. */
export const FORM_OVERRUN_MESSAGES: Record<FormOverrun, string> = {
	too_many_fields: 'This form has far more answers than it can hold. Please go back and try again.',
	too_much_text: 'This form is too long to read. Please shorten your answers and try again.'
};

/** Counts a form body chunk by chunk, so an oversized form is refused without being held whole. */
export interface FormCounter {
	/** The first limit this chunk takes the form past, or null while it is within budget. */
	push(chunk: Uint8Array): FormOverrun | null;
}

const AMPERSAND = 0x26;

/** `a=1&b=2`: every byte is text, and every `&` starts one more field. */
export function urlencodedCounter(): FormCounter {
	let bytes = 0;
	let fields = 1;
	return {
		push(chunk) {
			bytes += chunk.length;
			if (bytes > MAX_FORM_TEXT_BYTES) {
				return 'too_much_text';
			}
			for (let i = chunk.indexOf(AMPERSAND); i !== -1; i = chunk.indexOf(AMPERSAND, i + 1)) {
				if (++fields > MAX_FORM_FIELDS) {
					return 'too_many_fields';
				}
			}
			return null;
		}
	};
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const FILE_PART = /filename\*?\s*=/i;

/**
 * multipart/form-data: counts parts, and the bytes of every part that is not a file (its headers
 * and its value). A small state machine over the stream; only the bytes that might still hold a
 * delimiter or an unfinished part header are carried from one chunk to the next.
 */
export function multipartCounter(boundary: string): FormCounter {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	let state: 'body' | 'after-delimiter' | 'headers' | 'done' = 'body';
	// The body starts with the delimiter minus its CRLF: pretend it was there.
	let pending: Buffer = Buffer.from('\r\n');
	let parts = 0;
	let text = 0;
	let counted = false; // the current part's bytes count as text (the preamble does not)

	const addText = (n: number): FormOverrun | null => {
		if (!counted) {
			return null;
		}
		text += n;
		return text > MAX_FORM_TEXT_BYTES ? 'too_much_text' : null;
	};

	return {
		push(chunk) {
			pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
			for (;;) {
				if (state === 'done') {
					pending = Buffer.alloc(0);
					return null;
				}
				if (state === 'body') {
					const at = pending.indexOf(delimiter);
					if (at === -1) {
						const safe = Math.max(0, pending.length - (delimiter.length - 1));
						const over = addText(safe);
						pending = pending.subarray(safe);
						return over;
					}
					const over = addText(at);
					if (over) {
						return over;
					}
					pending = pending.subarray(at + delimiter.length);
					state = 'after-delimiter';
					continue;
				}
				if (state === 'after-delimiter') {
					if (pending.length < 2) {
						return null;
					}
					if (pending[0] === 0x2d && pending[1] === 0x2d) {
						state = 'done';
						continue;
					}
					if (++parts > MAX_FORM_FIELDS) {
						return 'too_many_fields';
					}
					state = 'headers';
					continue;
				}
				// headers: from just after the delimiter to the blank line
				const end = pending.indexOf(CRLFCRLF);
				if (end === -1) {
					if (pending.length > MAX_PART_HEADER_BYTES) {
						return 'too_much_text';
					}
					return null;
				}
				if (end > MAX_PART_HEADER_BYTES) {
					return 'too_much_text';
				}
				counted = true;
				const over = addText(end);
				if (over) {
					return over;
				}
				counted = !FILE_PART.test(pending.subarray(0, end).toString('latin1'));
				pending = pending.subarray(end + CRLFCRLF.length);
				state = 'body';
			}
		}
	};
}

const boundaryOf = (params: string[]) =>
	params
		.find((p) => /^boundary=/i.test(p))
		?.slice('boundary='.length)
		.replace(/^"(.*)"$/, '$1');

/** The boundary of a multipart/form-data Content-Type, or undefined for anything else. */
export function multipartBoundary(contentType: string | null): string | undefined {
	const [type, ...params] = (contentType ?? '').split(';').map((s) => s.trim());
	return type.toLowerCase() === 'multipart/form-data' ? boundaryOf(params) : undefined;
}

/** The kind of form a Content-Type names, and a counter for it; null for anything else. */
export function formCounterFor(contentType: string | null): FormCounter | null {
	const [type, ...params] = (contentType ?? '').split(';').map((s) => s.trim());
	switch (type.toLowerCase()) {
		case 'application/x-www-form-urlencoded':
		case 'text/plain':
			return urlencodedCounter();
		case 'multipart/form-data': {
			const boundary = boundaryOf(params);
			// Without a usable boundary the body cannot be a form: let the reader refuse it.
			return boundary ? multipartCounter(boundary) : urlencodedCounter();
		}
		default:
			return null;
	}
}
