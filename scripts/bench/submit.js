import { spawnSync } from 'node:child_process';

/** POST /api/v1/reports and status look-ups against a bare server's floor (see lib/submit-bench.ts). */
export const name = 'submit';

export async function run() {
	const result = spawnSync('npx', ['tsx', 'scripts/bench/lib/submit-bench.ts'], {
		stdio: 'inherit'
	});
	return result.status === 0;
}
