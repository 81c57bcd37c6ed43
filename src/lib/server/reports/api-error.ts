import { DomainError } from '../errors';
import { BodyTooLarge, readAtMost } from '../http/read-body';
import { parseMultipart, unreadableMultipart } from '../http/multipart';

/**
 * Reads a small JSON request body; anything but JSON is a 400. Every JSON endpoint reads through
 * here: the body is streamed with a ceiling, so an oversized one costs no more than `maxBytes`.
 */
export async function readJson(request: Request, maxBytes = 16 * 1024): Promise<unknown> {
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		throw new DomainError(415, 'unsupported_media_type', 'Send application/json.');
	}
	let body: Uint8Array;
	try {
		body = await readAtMost(request, maxBytes);
	} catch (err) {
		if (err instanceof BodyTooLarge) {
			throw new DomainError(413, 'too_large', 'The request is too large.');
		}
		throw new DomainError(400, 'bad_body', 'The request body could not be read.');
	}
	try {
		return JSON.parse(new TextDecoder().decode(body)) as unknown;
	} catch {
		throw new DomainError(400, 'bad_json', 'The request body is not valid JSON.');
	}
}

/** Reads a multipart body; garbage is a 400, never a crash. */
export async function readMultipart(request: Request): Promise<FormData> {
	const contentType = request.headers.get('content-type');
	requireMultipart(contentType);
	let body: ArrayBuffer;
	try {
		body = await request.arrayBuffer();
	} catch (err) {
		// adapter-node refuses a body over BODY_SIZE_LIMIT as it streams in.
		if ((err as { status?: number } | null)?.status === 413) {
			throw new DomainError(413, 'too_large', 'The request is too large.');
		}
		throw unreadableMultipart();
	}
	return parseMultipart(new Uint8Array(body), contentType);
}

export function requireMultipart(contentType: string | null | undefined): void {
	if (!(contentType ?? '').startsWith('multipart/form-data')) {
		throw new DomainError(415, 'unsupported_media_type', 'Send multipart/form-data.');
	}
}

/** A multipart part that must be a JSON object, sent as a string or a file. */
export async function jsonPart(form: FormData, name: string): Promise<unknown> {
	const part = form.get(name);
	if (part === null) {
		throw new DomainError(400, 'missing_part', `The "${name}" part is missing.`, name);
	}
	// A part sent as a file is sized before it is read; a string part is already in memory.
	if (typeof part !== 'string' && part.size > 256 * 1024) {
		throw new DomainError(413, 'too_large', `The "${name}" part is too large.`, name);
	}
	const text = typeof part === 'string' ? part : await part.text();
	if (text.length > 256 * 1024) {
		throw new DomainError(413, 'too_large', `The "${name}" part is too large.`, name);
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new DomainError(400, 'bad_json', `The "${name}" part is not valid JSON.`, name);
	}
}
