import { spawnSync } from 'node:child_process';

/** The triage queue's server time on 100,000 synthetic reports (see lib/queue-bench.ts). */
export const name = 'queue';

export async function run() {
	const result = spawnSync('npx', ['tsx', 'scripts/bench/lib/queue-bench.ts'], {
		stdio: 'inherit'
	});
	return result.status === 0;
}
