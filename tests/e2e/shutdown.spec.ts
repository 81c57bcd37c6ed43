import { expect, test } from '@playwright/test';
import { submitReport } from '../support/api-client';
import { groupAlive } from '../support/process-group';
import { installUnitKey } from '../support/unit-keyring';
import { startPortal } from './support/portal';

/**
 * Stopping the portal as a service manager (SIGTERM) or Ctrl-C (SIGINT) does: it ends by itself
 * once its last request is answered. A server that ignored the signal would be killed after a
 * grace period, and every stop and restart would wait that long.
 */
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	test(`${signal} ends the server by itself, after a report stored on the writer's thread`, async () => {
		const portal = await startPortal();
		try {
			const unit = await installUnitKey(portal.dbPath);
			expect((await submitReport(portal.url, unit)).res.status).toBe(201);
			const pid = portal.pid();
			process.kill(pid, signal);
			// Well inside the 10 s a stop allows before SIGKILL.
			await expect.poll(() => groupAlive(pid), { timeout: 8_000 }).toBe(false);
		} finally {
			await portal.close();
		}
	});
}
