import { spawnSync } from 'node:child_process';

/** The statistics page's server time on 100,000 reports (see lib/stats-bench.ts). */
export const name = 'stats';

export async function run() {
	const result = spawnSync('npx', ['tsx', 'scripts/bench/lib/stats-bench.ts'], {
		stdio: 'inherit'
	});
	return result.status === 0;
}
