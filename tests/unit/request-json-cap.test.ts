import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { readJson } from '../../src/lib/server/reports/api-error';

const MiB = 1024 * 1024;

/** A body of `total` bytes made on demand, counting how many bytes the reader pulled. */
function countedBody(total: number) {
	const pulled = { bytes: 0 };
	const chunk = new Uint8Array(64 * 1024).fill(0x20);
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (pulled.bytes >= total) {
				return controller.close();
			}
			pulled.bytes += chunk.length;
			controller.enqueue(chunk);
		}
	});
	return { stream, pulled };
}

const jsonRequest = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://portal.test/api/v1/status', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
		duplex: 'half'
	} as RequestInit);

async function refusal(request: Request, max?: number) {
	const err = await readJson(request, max).catch((e: unknown) => e);
	expect(err).toBeInstanceOf(DomainError);
	return err as DomainError;
}

describe('JSON bodies are streamed with a ceiling', () => {
	it('stops reading a 60 MiB body without Content-Length just past the ceiling', async () => {
		const { stream, pulled } = countedBody(60 * MiB);
		const err = await refusal(jsonRequest(stream), 16 * 1024);
		expect([err.status, err.code]).toEqual([413, 'too_large']);
		console.log(`read ${pulled.bytes} bytes of a 60 MiB body before refusing it`);
		// The reader pulled a few chunks past the ceiling, then only drains in the background.
		expect(pulled.bytes).toBeLessThan(2 * MiB);
	});

	it('refuses a declared Content-Length over the ceiling before reading', async () => {
		const { stream, pulled } = countedBody(60 * MiB);
		const before = pulled.bytes;
		const err = await refusal(
			jsonRequest(stream, { 'content-length': String(60 * MiB) }),
			16 * 1024
		);
		expect(err.status).toBe(413);
		expect(before).toBe(0);
	});

	it('reads a body within the ceiling, and answers bad JSON and bad types as before', async () => {
		expect(await readJson(jsonRequest('{"lookup":"abc"}'))).toEqual({ lookup: 'abc' });
		expect((await refusal(jsonRequest('{nope'))).code).toBe('bad_json');
		const text = new Request('http://portal.test/', { method: 'POST', body: '{}' });
		expect((await refusal(text)).status).toBe(415);
	});
});
