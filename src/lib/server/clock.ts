import { readFileSync } from 'node:fs';

/**
 * "Now" for deadlines the server judges (overdue reports, alert schedules). Under test only
 * (NODE_ENV=test), TEST_CLOCK_FILE may name a file holding an ISO time that the test moves,
 * so a test moves time instead of sleeping. A deployment never runs with NODE_ENV=test.
 */
export function serverNow(): Date {
	const file = process.env.NODE_ENV === 'test' ? process.env.TEST_CLOCK_FILE : undefined;
	if (file) {
		try {
			const moved = new Date(readFileSync(file, 'utf8').trim());
			if (!Number.isNaN(moved.getTime())) {
				return moved;
			}
		} catch {
			// No file yet: the real clock.
		}
	}
	return new Date();
}
