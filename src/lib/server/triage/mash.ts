import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { DomainError } from '../errors';
import { nowIso } from '../time';
import { notFound } from './api';
import { findReportByRef } from './case-file';

export interface MashReferral {
	at: string;
	by: string | null;
}

/** A possible child's report (under 18 or unsure) prompts a referral to the multi-agency
 * safeguarding hub; the referral itself is made by the reviewer through the force's own route. */
export async function mashReferralOf(db: Db, ref: string): Promise<MashReferral | null> {
	const row = await db
		.selectFrom('reports')
		.leftJoin('staff', 'staff.id', 'reports.mash_referred_by')
		.select(['reports.mash_referred_at', 'staff.username'])
		.where('reports.ref', '=', ref)
		.executeTakeFirst();
	return row?.mash_referred_at ? { at: row.mash_referred_at, by: row.username } : null;
}

/** Records that the MASH referral was made: a triage action, audited, recorded once. */
export async function recordMashReferral(db: Db, staff: Staff, ref: string): Promise<MashReferral> {
	return withAudit(db, async (trx) => {
		const report = await findReportByRef(trx, ref);
		if (!report) {
			throw notFound();
		}
		if (report.safeguarding !== 1) {
			throw new DomainError(
				409,
				'not_safeguarding',
				'This report does not say the person may be under 18.'
			);
		}
		if (report.mash_referred_at) {
			throw new DomainError(409, 'already_recorded', 'The MASH referral is already recorded.');
		}
		const at = nowIso();
		await trx
			.updateTable('reports')
			.set({ mash_referred_at: at, mash_referred_by: staff.id, updated_at: at })
			.where('id', '=', report.id)
			.execute();
		return {
			result: { at, by: staff.username },
			audit: {
				actorId: staff.id,
				action: 'report.mash_referral',
				subject: ref,
				detail: { ref }
			}
		};
	});
}
