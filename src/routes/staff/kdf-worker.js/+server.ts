import { dev } from '$app/environment';
import type { RequestHandler } from './$types';

/**
 * A one-line module that starts the argon2id worker. Pages are cross-origin isolated (COEP
 * require-corp), and a dedicated worker must then be served with COEP too; the bundled worker file
 * is a static asset the adapter serves without it, but this response passes through the hooks and
 * gets every security header. Modules it imports from this origin need nothing more.
 */
const BUILT = /^\/_app\/immutable\/workers\/kdf\.worker-[A-Za-z0-9_-]+\.js$/;
const DEV = /^\/src\/lib\/staff\/kdf\.worker\.ts\?worker_file&type=module$/;

export const GET: RequestHandler = ({ url }) => {
	const src = url.searchParams.get('src') ?? '';
	if (!BUILT.test(src) && !(dev && DEV.test(src))) {
		return new Response('Unknown worker.', { status: 404 });
	}
	return new Response(`import ${JSON.stringify(src)};\n`, {
		headers: { 'content-type': 'text/javascript; charset=utf-8' }
	});
};
