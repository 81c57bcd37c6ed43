import type { Kysely } from 'kysely';
import { findDeviation } from '../deviations/list';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { nowIso } from '../time';

type Executor = Kysely<Database>;

/** Below two, one forgotten passphrase or one departure makes every report unreadable for good. */
export const MIN_KEY_HOLDERS = 2;
/** How old a deviation record may be when an admin cites it to go below the minimum. */
export const DEVIATION_CITE_MINUTES = 60;

/** Active members who hold the whole unit keyring (a disabled member's grant is already gone). A
 * "new reports only" grant does not count: it cannot open older reports, nor rotate. */
export async function countKeyHolders(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('keyring_grants')
		.innerJoin('staff', 'staff.id', 'keyring_grants.staff_id')
		.where('staff.status', '=', 'active')
		.where('keyring_grants.keys_from', 'is', null)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** For the staff home page's warning. */
export async function keyHolderWarning(db: Executor) {
	const holders = await countKeyHolders(db);
	return { holders, tooFew: holders < MIN_KEY_HOLDERS };
}

/**
 * The two-key-holder rule, checked inside the transaction after a change that took the keyring
 * from someone: when fewer than two active members hold it, the change is refused (the whole
 * transaction rolls back) unless the admin cites a signed policy-deviation record of their own
 * from the last hour that has not been cited before. Returns the cited record's id for the
 * audit line, or null when none was needed.
 */
export async function keepTwoKeyHolders(
	trx: Executor,
	admin: Staff,
	change: { action: string; holdersBefore: number; deviationId: string | null },
	now: Date = new Date()
): Promise<string | null> {
	const holders = await countKeyHolders(trx);
	if (holders >= MIN_KEY_HOLDERS || holders >= change.holdersBefore) {
		return null;
	}
	if (change.deviationId === null) {
		const left =
			holders === 0 ? 'no one' : holders === 1 ? 'only one member' : `${holders} members`;
		throw new DomainError(
			409,
			'too_few_key_holders',
			`This would leave ${left} holding the unit keyring. Keep at least two, so reports can still be opened if one is away or forgets their passphrase. To go ahead anyway, record a signed policy deviation and choose it below.`,
			'deviation_id'
		);
	}
	await citeDeviation(trx, admin, change.deviationId, change.action, now);
	return change.deviationId;
}

async function citeDeviation(
	trx: Executor,
	admin: Staff,
	deviationId: string,
	action: string,
	now: Date
) {
	const deviation = await findDeviation(trx, deviationId);
	const signed = await trx
		.selectFrom('deviations')
		.select('at')
		.where('id', '=', deviationId)
		.executeTakeFirst();
	const oldest = now.getTime() - DEVIATION_CITE_MINUTES * 60_000;
	if (!deviation || !signed || deviation.staffId !== admin.id || Date.parse(signed.at) < oldest) {
		throw new DomainError(
			409,
			'deviation_not_usable',
			`Choose a policy deviation you recorded yourself in the last ${DEVIATION_CITE_MINUTES} minutes.`,
			'deviation_id'
		);
	}
	if (!deviation.verified) {
		throw new DomainError(
			409,
			'deviation_unverified',
			'The signature on that policy-deviation record does not verify, so it cannot be relied on.',
			'deviation_id'
		);
	}
	const cited = await trx
		.insertInto('deviation_citations')
		.values({ deviation_id: deviationId, action, cited_by: admin.id, cited_at: nowIso(now) })
		.onConflict((oc) => oc.doNothing())
		.executeTakeFirst();
	if (Number(cited.numInsertedOrUpdatedRows ?? 0) === 0) {
		throw new DomainError(
			409,
			'deviation_already_cited',
			'That policy-deviation record has already been relied on once. Record a new one.',
			'deviation_id'
		);
	}
}

/** The admin's own records of the last hour not yet cited: the choices on the team page. */
export async function citableDeviations(db: Executor, admin: Staff, now: Date = new Date()) {
	const since = nowIso(new Date(now.getTime() - DEVIATION_CITE_MINUTES * 60_000));
	const rows = await db
		.selectFrom('deviations')
		.leftJoin('deviation_citations', 'deviation_citations.deviation_id', 'deviations.id')
		.where('deviations.staff_id', '=', admin.id)
		.where('deviations.at', '>=', since)
		.where('deviation_citations.deviation_id', 'is', null)
		.select(['deviations.id', 'deviations.at', 'deviations.record_json'])
		.orderBy('deviations.at', 'desc')
		.limit(20)
		.execute();
	return rows.map((r) => {
		let text = '';
		try {
			const parsed = JSON.parse(r.record_json) as { text?: unknown };
			text = typeof parsed.text === 'string' ? parsed.text : '';
		} catch {
			// an unreadable record is listed without its text; citing it will fail verification
		}
		return { id: r.id, at: r.at, text: text.length > 80 ? text.slice(0, 79) + '…' : text };
	});
}
