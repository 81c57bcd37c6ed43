import { json, text, type Handle, type RequestEvent } from '@sveltejs/kit';
import {
	FORM_OVERRUN_MESSAGES as MESSAGES,
	formCounterFor,
	MAX_FORM_TEXT_BYTES,
	type FormCounter,
	type FormOverrun
} from '../http/form-budget';
import { drain } from '../http/read-body';
import { isJsonApiPath } from '../api/paths';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every form post, public and staff, passes through here before any route reads it: a form with
 * more fields or more text than any real form of ours is refused while it streams in, before a
 * draft or a FormData is built from it. One anonymous request must not be able to hold the only
 * thread or fill the heap.
 */
export const formGuard: Handle = async ({ event, resolve }) => {
	const { request } = event;
	if (!UNSAFE.has(request.method)) {
		return resolve(event);
	}
	if (namesReservedAction(event.url)) {
		return refusal(event, 404, 'no_such_action', 'There is no such form on this page.');
	}
	const counter = formCounterFor(request.headers.get('content-type'));
	if (!counter || !request.body) {
		return resolve(event);
	}

	const declared = Number(request.headers.get('content-length'));
	const urlencoded = !/^multipart\//i.test(request.headers.get('content-type') ?? '');
	if (urlencoded && declared > MAX_FORM_TEXT_BYTES) {
		drain(request.body.getReader());
		return refusal(event, 413, 'too_much_text', MESSAGES.too_much_text);
	}
	const read = await readWithin(request.body, counter);
	if ('overrun' in read) {
		return refusal(event, 413, read.overrun, MESSAGES[read.overrun]);
	}
	// The route reads the same bytes, handed on without another copy.
	event.request = new Request(request, { body: replay(read), duplex: 'half' } as RequestInit);
	return resolve(event);
};

/**
 * Form names SvelteKit would answer with a 500 instead of "no such form": `?/default`, which it
 * throws on, and the names every object has (`?/constructor`, `?/__proto__`, `?/toString`…),
 * which it finds on the actions object and calls as if they were actions.
 */
const namesReservedAction = (url: URL) =>
	[...url.searchParams.keys()].some(
		(key) => key.startsWith('/') && (key === '/default' || key.slice(1) in Object.prototype)
	);

interface Read {
	chunks: Uint8Array[];
	failure?: unknown;
}

const replay = ({ chunks, failure }: Read) =>
	new ReadableStream<Uint8Array>({
		pull(controller) {
			const chunk = chunks.shift();
			if (chunk) {
				controller.enqueue(chunk);
			} else if (failure !== undefined) {
				controller.error(failure);
			} else {
				controller.close();
			}
		}
	});

async function readWithin(
	body: ReadableStream<Uint8Array>,
	counter: FormCounter
): Promise<Read | { overrun: FormOverrun }> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	for (;;) {
		let next: ReadableStreamReadResult<Uint8Array>;
		try {
			next = await reader.read();
		} catch (failure) {
			// A body the server cannot read (over the size limit, cut short) is the route's to refuse.
			return { chunks, failure };
		}
		if (next.done) {
			return { chunks };
		}
		const overrun = counter.push(next.value);
		if (overrun) {
			drain(reader);
			return { overrun };
		}
		chunks.push(next.value);
	}
}

function refusal(event: RequestEvent, status: number, code: string, message: string): Response {
	if (isJsonApiPath(event.url.pathname)) {
		return json({ error: { code, message } }, { status });
	}
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', status, error: { message } }, { status });
	}
	return text(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
