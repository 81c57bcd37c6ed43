import { spawnSync } from 'node:child_process';

/** The browser time to open and decrypt a report with a 2 MiB picture (see lib/report-open-bench.ts). */
export const name = 'report-open';

export async function run() {
	const result = spawnSync('npx', ['tsx', 'scripts/bench/lib/report-open-bench.ts'], {
		stdio: 'inherit'
	});
	return result.status === 0;
}
