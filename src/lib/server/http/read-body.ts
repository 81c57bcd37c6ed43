/** Reading request bodies with a ceiling: never more than the ceiling is held in memory. */

export class BodyTooLarge extends Error {
	constructor() {
		super('The request body is larger than this endpoint accepts.');
	}
}

/**
 * The whole body, or BodyTooLarge as soon as it passes `max` bytes (a declared Content-Length
 * over `max` is refused before reading at all). A refused body is drained in the background.
 */
export async function readAtMost(request: Request, max: number): Promise<Uint8Array> {
	if (!request.body) {
		return new Uint8Array(0);
	}
	const reader = request.body.getReader();
	if (Number(request.headers.get('content-length')) > max) {
		drain(reader);
		throw new BodyTooLarge();
	}
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const next = await reader.read();
		if (next.done) {
			break;
		}
		size += next.value.length;
		if (size > max) {
			drain(reader);
			throw new BodyTooLarge();
		}
		chunks.push(next.value);
	}
	const body = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		body.set(chunk, at);
		at += chunk.length;
	}
	return body;
}

/**
 * Reads the rest of a refused body and drops it, so the client can finish sending and read the
 * answer (closing the socket under it would reset the connection instead). The server's body
 * size limit still bounds how much is read.
 */
export function drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
	const next = (): Promise<void> =>
		reader.read().then(
			(r) => (r.done ? undefined : next()),
			() => undefined
		);
	void next();
}
