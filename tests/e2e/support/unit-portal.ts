import { test } from '@playwright/test';
import { installUnitKey, type TestUnit } from '../../support/unit-keyring';
import { startPortal, type Portal } from './portal';

/**
 * The spec's own portal, with a unit key registered as first-run setup would, started before its
 * tests and stopped after them. Read `portal` and `unit` inside hooks and tests, not at load time.
 */
export function portalWithUnitKey(env: Record<string, string> = {}) {
	const ctx = {} as { portal: Portal; unit: TestUnit };
	test.beforeAll(async () => {
		ctx.portal = await startPortal(env);
		ctx.unit = await installUnitKey(ctx.portal.dbPath);
	});
	test.afterAll(async () => {
		await ctx.portal?.close();
	});
	return ctx;
}
