import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportCode, generateReportCode } from '../../src/lib/crypto/report-code';
import { getSodium } from '../../src/lib/crypto/sodium';
import { reportDeletionWords, reportNotFoundWords } from '../../src/lib/i18n/durations';
import {
	RetentionSchema,
	RETENTION_DEFAULTS,
	type ReportPeriods
} from '../../src/lib/report/retention';
import { changeRetention } from '../../src/lib/server/retention/settings';
import {
	addReporterMessage,
	reloadReport,
	statusView,
	withdrawReport
} from '../../src/lib/server/reports/reporter-access';
import { reporterPortal } from './support/reporter';
import { insertStaff } from './support/staff';

/** The reporter's pages say what deletion really does, in the figures an admin configured. */

let portal: Awaited<ReturnType<typeof reporterPortal>>;
type Load = () => Promise<{ retention: ReportPeriods }>;
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
	// The pages are given the periods and say them in their language, which may change in place.
	const notFound = async () => reportNotFoundWords((await statusLoad()).retention);
	const deletion = async () => reportDeletionWords((await privacyLoad()).retention);

	it('names the configured periods on the status and privacy pages, and follows a change', async () => {
		expect((await privacyLoad()).retention).toEqual({ closedMonths: 24, withdrawnDays: 30 });
		expect(await notFound()).toBe(
			'Report not found. Please check the code. If the code is right, the report may have been deleted: closed reports are deleted 24 months after they are closed, and withdrawn reports 30 days after they are withdrawn.'
		);
		expect(await deletion()).toMatch(
			/^Closed reports are deleted 24 months after they are closed, and withdrawn reports 30 days after they are withdrawn\. If you send a message, that time starts again from your message\./
		);

		const admin = await insertStaff(portal.db, { role: 'admin' });
		await changeRetention(
			portal.db,
			admin,
			v.parse(RetentionSchema, { ...RETENTION_DEFAULTS, closedMonths: '1', withdrawnDays: '7' })
		);
		expect(await notFound()).toContain(
			'closed reports are deleted 1 month after they are closed, and withdrawn reports 7 days after'
		);
		expect(await deletion()).toContain('Closed reports are deleted 1 month after');
	});

	it("gives a withdrawn report's deletion date, which the reporter's message moves later", async () => {
		const { report } = await portal.addReport();
		expect((await statusView(portal.db, report)).deleted_after).toBeNull();
		await withdrawReport(portal.db, report);
		const withdrawn = await reloadReport(portal.db, report);
		const days = (iso: string | null) =>
			(Date.parse(iso!) - Date.parse(withdrawn.withdrawn_at!)) / 86_400_000;
		// The periods in force here are the ones the first test set: withdrawn reports, 7 days.
		expect(days((await statusView(portal.db, withdrawn)).deleted_after)).toBe(7);
		const later = new Date(Date.parse(withdrawn.withdrawn_at!) + 2 * 3_600_000).toISOString();
		await addReporterMessage(portal.db, withdrawn, {
			nonce: new Uint8Array(24),
			ciphertext: new Uint8Array(300),
			keyForUnit: new Uint8Array(80),
			keyForReporter: new Uint8Array(80),
			attachments: []
		});
		await portal.db
			.updateTable('messages')
			.set({ created_at: later })
			.where('report_id', '=', report.id)
			.execute();
		const after = (await statusView(portal.db, withdrawn)).deleted_after;
		expect(days(after)).toBeCloseTo(7 + 2 / 24, 6);
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
