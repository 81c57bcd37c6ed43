import { statfs } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { dataDir } from '../config';
import type { Database } from '../db/schema';
import {
	DEFAULT_MESSAGES_PER_HOUR,
	DEFAULT_MIN_FREE_DISK_MIB,
	DEFAULT_REPORT_QUOTA_MIB,
	plaintextSize
} from '../../report/limits';
import { DomainError } from '../errors';
import { hourOf } from './reporter-time';

/**
 * One report code must not be able to fill the disk: each report has a quota of stored file
 * bytes, a pace of messages per clock hour, and no file is taken while the disk under the
 * database is nearly full. Reports and messages without files still go through.
 */

const MIB = 1024 * 1024;
const setting = (name: string, fallback: number) => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value >= 0 && process.env[name] !== '' ? value : fallback;
};
export const reportQuotaBytes = () => setting('REPORT_QUOTA_MIB', DEFAULT_REPORT_QUOTA_MIB) * MIB;
export const messagesPerHour = () => setting('REPORT_MESSAGES_PER_HOUR', DEFAULT_MESSAGES_PER_HOUR);
export const minFreeDiskBytes = () => setting('MIN_FREE_DISK_MIB', DEFAULT_MIN_FREE_DISK_MIB) * MIB;

/** Free bytes for an unprivileged writer on the file system that holds the database. */
async function statfsFreeBytes(): Promise<number> {
	const stats = await statfs(dataDir()).catch(() => statfs('.'));
	return Number(stats.bavail) * Number(stats.bsize);
}

let freeBytes: () => Promise<number> = statfsFreeBytes;

/** Tests only: stand in for the file system's free space (undefined restores it). */
export function setFreeSpaceReader(reader?: () => Promise<number>): void {
	freeBytes = reader ?? statfsFreeBytes;
}

export async function assertDiskHasRoom(newBytes: number): Promise<void> {
	if (newBytes === 0) {
		return;
	}
	if ((await freeBytes()) - newBytes < minFreeDiskBytes()) {
		throw new DomainError(
			413,
			'storage_low',
			'The portal cannot take files right now. Please send it without files, and try adding the files again later.',
			'attachments'
		);
	}
}

/**
 * Inside the storing transaction, so two uploads racing for the last bytes cannot both pass.
 * Counted as the reporter counts: the files' own sizes, without the encryption's few bytes, so a
 * full report (5 × 10 MB) and one full message fit the default 100 MB.
 */
export async function assertQuotaHasRoom(
	trx: Kysely<Database>,
	reportId: string | null,
	files: Uint8Array[]
): Promise<void> {
	if (files.length === 0) {
		return;
	}
	const stored = reportId
		? await trx.selectFrom('attachments').select('size').where('report_id', '=', reportId).execute()
		: [];
	const total = [...stored.map((s) => s.size), ...files.map((f) => f.length)].reduce(
		(sum, size) => sum + plaintextSize(size),
		0
	);
	const quota = reportQuotaBytes();
	if (total > quota) {
		throw new DomainError(
			413,
			'quota_exceeded',
			`This report can hold up to ${Math.floor(quota / MIB)} MB of files, and this would pass it. You can still send messages without files.`,
			'attachments'
		);
	}
}

/** Counts the reporter's messages in this clock hour (the times kept are hours, see reporter-time). */
export async function assertMessagePace(trx: Kysely<Database>, reportId: string): Promise<void> {
	const { n } = await trx
		.selectFrom('messages')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('report_id', '=', reportId)
		.where('direction', '=', 'from_reporter')
		.where('created_at', '>=', hourOf())
		.executeTakeFirstOrThrow();
	if (Number(n) >= messagesPerHour()) {
		throw new DomainError(
			429,
			'too_many_messages',
			'You have sent many messages this hour. Please wait a while and try again.'
		);
	}
}
