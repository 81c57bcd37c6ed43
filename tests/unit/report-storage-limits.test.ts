import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	encryptedSize,
	MAX_ENCRYPTED_FILE,
	MIN_ENCRYPTED_FILE,
	plaintextSize
} from '../../src/lib/report/limits';
import { DomainError } from '../../src/lib/server/errors';
import { sealOnServer } from '../../src/lib/server/reports/server-seal';
import { setFreeSpaceReader } from '../../src/lib/server/reports/storage-guard';
import { countRows, messageRequest, minimalDraft, reporterPortal } from './support/reporter';

/** One report code must not be able to fill the disk (issue 7, item 2). */

let portal: Awaited<ReturnType<typeof reporterPortal>>;
let postMessage: (request: Request) => Promise<Response>;
let statusActions: typeof import('../../src/routes/(public)/status/+page.server').actions;

const KiB = 1024;
const MiB = 1024 * KiB;

beforeAll(async () => {
	portal = await reporterPortal();
	const route = await import('../../src/routes/api/v1/status/messages/+server');
	postMessage = (request) => route.POST({ request } as never) as Promise<Response>;
	statusActions = (await import('../../src/routes/(public)/status/+page.server')).actions;
});
afterAll(() => portal.close());
afterEach(() => {
	delete process.env.REPORT_QUOTA_MIB;
	delete process.env.REPORT_MESSAGES_PER_HOUR;
	delete process.env.MIN_FREE_DISK_MIB;
	setFreeSpaceReader();
});

const send = async (sizes: number[], report: Awaited<ReturnType<typeof portal.addReport>>) =>
	postMessage(await messageRequest(report.report, report.lookup, portal.unit.publicKey, sizes));

/** The no-JavaScript status page's reply action, with one picture-sized file. */
function noJsReply(code: string, fileBytes: number) {
	const form = new FormData();
	form.append('code', code);
	form.append('kind', 'more_info');
	form.append('text', 'More about that night.');
	if (fileBytes > 0) {
		form.append('files', new File([new Uint8Array(fileBytes)], 'notes.txt'));
	}
	return statusActions.reply({
		request: new Request('http://127.0.0.1/status?/reply', { method: 'POST', body: form })
	} as never) as Promise<{ status?: number; data?: { actionError?: string }; notice?: string }>;
}

describe('per-report file quota', () => {
	it('refuses files past the quota with 413 quota_exceeded and stores nothing', async () => {
		process.env.REPORT_QUOTA_MIB = '1';
		const report = await portal.addReport();
		expect((await send([400 * KiB, 400 * KiB], report)).status).toBe(201);
		const before = {
			messages: await countRows(portal.db, 'messages'),
			files: await countRows(portal.db, 'attachments'),
			audit: await countRows(portal.db, 'audit_events')
		};

		const refused = await send([400 * KiB], report);
		expect(refused.status).toBe(413);
		const body = (await refused.json()) as { error: Record<string, string> };
		expect(body.error).toMatchObject({ code: 'quota_exceeded', field: 'attachments' });
		expect(body.error.message).toMatch(/up to 1 MB/);
		expect({
			messages: await countRows(portal.db, 'messages'),
			files: await countRows(portal.db, 'attachments'),
			audit: await countRows(portal.db, 'audit_events')
		}).toEqual(before);

		// Words still go through, and another report has its own quota.
		expect((await send([], report)).status).toBe(201);
		expect((await send([400 * KiB], await portal.addReport())).status).toBe(201);
	});

	it('counts what the reporter sent: a full report and one full message fit the default', async () => {
		for (const n of [0, 1, 65535, 65536, 65537, 10 * MiB]) {
			expect(plaintextSize(encryptedSize(n))).toBe(n);
		}
		const report = await portal.addReport();
		const full = Array(5).fill(MAX_ENCRYPTED_FILE);
		// The report's own five files are stored as a message would store them, in the same table.
		await portal.db
			.insertInto('attachments')
			.values(
				full.map((size, idx) => ({
					id: `full-${idx}`,
					report_id: report.report.id,
					message_id: null,
					idx,
					ciphertext: new Uint8Array(size),
					size
				}))
			)
			.execute();
		expect((await send(full, report)).status).toBe(201);
		const over = await send([MIN_ENCRYPTED_FILE + 1], report);
		expect(over.status).toBe(413);
		expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(
			/up to 100 MB/
		);
	});

	it('the no-JavaScript status page says so and stores nothing', async () => {
		process.env.REPORT_QUOTA_MIB = '1';
		const report = await portal.addReport();
		const messages = await countRows(portal.db, 'messages');
		const result = await noJsReply(report.code, 2 * MiB);
		expect(result.status).toBe(413);
		expect(result.data?.actionError).toMatch(/up to 1 MB/);
		expect(await countRows(portal.db, 'messages')).toBe(messages);
	});
});

describe('per-report message pace', () => {
	it('refuses the message past the hourly pace with 429 too_many_messages', async () => {
		process.env.REPORT_MESSAGES_PER_HOUR = '3';
		const report = await portal.addReport();
		for (let i = 0; i < 3; i++) {
			expect((await send([], report)).status).toBe(201);
		}
		const messages = await countRows(portal.db, 'messages');
		const refused = await send([], report);
		expect(refused.status).toBe(429);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
			'too_many_messages'
		);
		expect(await countRows(portal.db, 'messages')).toBe(messages);
		// The pace is per report: another code is not held up.
		expect((await send([], await portal.addReport())).status).toBe(201);
	});
});

describe('disk watermark', () => {
	it('below the configured free space, files are refused and words go through', async () => {
		setFreeSpaceReader(async () => 900 * MiB);
		process.env.MIN_FREE_DISK_MIB = '1024';
		const report = await portal.addReport();
		const files = await countRows(portal.db, 'attachments');

		const refused = await send([100 * KiB], report);
		expect(refused.status).toBe(413);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('storage_low');
		expect((await send([], report)).status).toBe(201);

		const noJs = await noJsReply(report.code, 100 * KiB);
		expect(noJs.status).toBe(413);
		expect(noJs.data?.actionError).toMatch(/without files/);
		expect((await noJsReply(report.code, 0)).notice).toMatch(/added/);

		// A new report: refused with a file, accepted without one.
		const picture = new File([new Uint8Array(50 * KiB)], 'notes.txt', { type: 'text/plain' });
		const reports = await countRows(portal.db, 'reports');
		const withFile = await sealOnServer(portal.db, minimalDraft(), [picture]).catch((e) => e);
		expect(withFile).toBeInstanceOf(DomainError);
		expect((withFile as DomainError).code).toBe('storage_low');
		expect(await countRows(portal.db, 'reports')).toBe(reports);
		expect((await sealOnServer(portal.db, minimalDraft(), [])).ok).toBe(true);
		expect(await countRows(portal.db, 'attachments')).toBe(files);
	});

	it('reads the real free space of the database folder when nothing stands in', async () => {
		process.env.MIN_FREE_DISK_MIB = String(Number.MAX_SAFE_INTEGER / MiB);
		const report = await portal.addReport();
		expect((await send([100 * KiB], report)).status).toBe(413);
		process.env.MIN_FREE_DISK_MIB = '0';
		expect((await send([100 * KiB], report)).status).toBe(201);
	});
});
