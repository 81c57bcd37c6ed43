import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { buildIfStale } from './build-if-stale.js';

/**
 * `npm run bench`: runs every module in scripts/bench/ against the production build and prints its
 * figures. A module exports `name` and `run()`, which prints and returns true when the figures are
 * within their budgets. `npm run bench -- public-js` runs only the named ones.
 */
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
buildIfStale();

let ok = true;
for (const file of readdirSync(join(here, 'bench'))
	.filter((f) => f.endsWith('.js'))
	.sort()) {
	/** @type {{ name: string, run: () => Promise<boolean> }} */
	const bench = await import(pathToFileURL(join(here, 'bench', file)).href);
	if (only.length > 0 && !only.includes(bench.name)) {
		continue;
	}
	console.log(`\n## ${bench.name}`);
	ok = (await bench.run()) && ok;
}
process.exit(ok ? 0 : 1);
