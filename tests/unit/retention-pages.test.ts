import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportCode, generateReportCode } from '../../src/lib/crypto/report-code';
import { getSodium } from '../../src/lib/crypto/sodium';
import { RetentionSchema, RETENTION_DEFAULTS } from '../../src/lib/report/retention';
import { changeRetention } from '../../src/lib/server/retention/settings';
import { reporterPortal } from './support/reporter';
import { insertStaff } from './support/staff';

/** The reporter's pages say what deletion really does, in the figures an admin configured. */

let portal: Awaited<ReturnType<typeof reporterPortal>>;
type Load = () => Promise<Record<string, unknown>>;
let statusLoad: Load;
let privacyLoad: Load;
let statusActions: typeof import('../../src/routes/(public)/status/+page.server').actions;

beforeAll(async () => {
	portal = await reporterPortal();
	const status = await import('../../src/routes/(public)/status/+page.server');
	statusLoad = status.load as unknown as Load;
	statusActions = status.actions;
	privacyLoad = (await import('../../src/routes/(public)/privacy/+page.server'))
		.load as unknown as Load;
});
afterAll(() => portal.close());

describe('what the reporter is told about deletion', () => {
	it('names the configured periods on the status and privacy pages, and follows a change', async () => {
		expect((await statusLoad()).notFound).toBe(
			'Report not found. Please check the code. If the code is right, the report may have been deleted: closed reports are deleted 24 months after they are closed, and withdrawn reports 30 days after they are withdrawn.'
		);
		expect((await privacyLoad()).deletion).toMatch(
			/^Closed reports are deleted 24 months after they are closed, and withdrawn reports 30 days after they are withdrawn\. If you send a message, that time starts again from your message\./
		);

		const admin = await insertStaff(portal.db, { role: 'admin' });
		await changeRetention(
			portal.db,
			admin,
			v.parse(RetentionSchema, { ...RETENTION_DEFAULTS, closedMonths: '1', withdrawnDays: '7' })
		);
		expect((await statusLoad()).notFound).toContain(
			'closed reports are deleted 1 month after they are closed, and withdrawn reports 7 days after'
		);
		expect((await privacyLoad()).deletion).toContain('Closed reports are deleted 1 month after');
	});

	it('without JavaScript, a well-formed code that finds nothing gets the not-found answer', async () => {
		const form = new FormData();
		form.append('code', formatReportCode(generateReportCode(await getSodium())));
		const result = (await statusActions.check({
			request: new Request('http://127.0.0.1/status?/check', { method: 'POST', body: form })
		} as never)) as { status: number; data: { codeError: string } };
		expect(result).toMatchObject({ status: 404, data: { codeError: 'not_found' } });
	});
});
