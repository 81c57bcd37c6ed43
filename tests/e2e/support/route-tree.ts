import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The route tree on disk, read the way SvelteKit reads it, so a test that walks it checks a route
 * added later without anyone remembering to list it.
 */
export const ROUTES_DIR = join(process.cwd(), 'src', 'routes');
const ROUTE_FILES = ['+page.svelte', '+page.server.ts', '+page.ts', '+server.ts'];

export interface Route {
	/** The route id, e.g. /staff/invite/[token] (groups such as (public) left out). */
	id: string;
	/** A concrete URL for it, every parameter filled in (e.g. /staff/invite/dummy-value). */
	path: string;
	files: string[];
	dir: string;
}

/** A URL a route id answers, with a placeholder for each parameter. */
export function concretePath(id: string): string {
	return id
		.replace(/\[\[[^\]]+\]\]/g, '')
		.replace(/\[\.\.\.[^\]]+\]/g, 'a/b')
		.replace(/\[[^\]]+\]/g, 'dummy-value')
		.replace(/\/+/g, '/');
}

/** The routes under `dir` (all of src/routes by default). */
export function walkRoutes(dir = ROUTES_DIR, out: Route[] = []): Route[] {
	const entries = readdirSync(dir).sort();
	const files = entries.filter((name) => ROUTE_FILES.includes(name));
	if (files.length > 0) {
		const id =
			'/' +
			relative(ROUTES_DIR, dir)
				.split(sep)
				.filter((s) => s && !/^\(.+\)$/.test(s))
				.join('/');
		out.push({ id, path: concretePath(id), files, dir });
	}
	for (const name of entries) {
		const child = join(dir, name);
		if (statSync(child).isDirectory()) {
			walkRoutes(child, out);
		}
	}
	return out;
}

/** The text of one of a route's files. */
export const source = (r: Route, file: string) => readFileSync(join(r.dir, file), 'utf8');

/** The named form actions of a page (`default` included). */
export function actionNames(r: Route): string[] {
	if (!r.files.includes('+page.server.ts')) {
		return [];
	}
	const block = source(r, '+page.server.ts').split('export const actions')[1] ?? '';
	return [...block.matchAll(/^\t(\w+):/gm)].map((m) => m[1]);
}

/** The HTTP methods an endpoint (+server.ts) exports. */
export function endpointMethods(r: Route): string[] {
	if (!r.files.includes('+server.ts')) {
		return [];
	}
	return [
		...source(r, '+server.ts').matchAll(
			/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g
		)
	].map((m) => m[1]);
}

/** Every request a route answers: loading its page, each form action, each endpoint method.
 * Keys read `GET /staff/team`, `POST /staff/team?/invite`, `POST /staff/passphrase` (default). */
export function routeRequests(
	routes: Route[]
): { key: string; method: string; id: string; action?: string }[] {
	return routes.flatMap((r) => [
		...(r.files.some((f) => f.startsWith('+page'))
			? [{ key: `GET ${r.id}`, method: 'GET', id: r.id }]
			: []),
		...actionNames(r).map((action) => ({
			key: action === 'default' ? `POST ${r.id}` : `POST ${r.id}?/${action}`,
			method: 'POST',
			id: r.id,
			action
		})),
		...endpointMethods(r).map((method) => ({ key: `${method} ${r.id}`, method, id: r.id }))
	]);
}
