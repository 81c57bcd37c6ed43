import type { Kysely } from 'kysely';
import type { Database, Report } from '../db/schema';
import { findDeviation } from '../deviations/list';
import { DomainError } from '../errors';
import { currentConsent } from '../reports/reporter-access';

/** Whether the reporter's consent to a warning stands now (envelope, or their later change). A
 * damaged envelope counts as no: publishing then needs a deviation record like any refusal. */
export function warnConsent(report: Report): boolean {
	try {
		return currentConsent(report).warn;
	} catch {
		return false;
	}
}

/**
 * DESIGN §5.9: a warning from a report may be published only with the reporter's `warn` consent as
 * it stands, or with a signed policy-deviation record about that same report that verifies. Returns
 * the deviation relied on, if any; throws a 409 that names what is missing otherwise.
 */
export async function consentToPublish(
	db: Kysely<Database>,
	reportId: string | null,
	deviationId: string | null
): Promise<{ deviationId: string | null; consented: boolean }> {
	if (reportId === null) {
		return { deviationId: null, consented: true };
	}
	const report = await db
		.selectFrom('reports')
		.selectAll()
		.where('id', '=', reportId)
		.executeTakeFirst();
	// The report was purged: nothing of the reporter's wish is left to honour or to break.
	if (!report) {
		return { deviationId: null, consented: true };
	}
	if (warnConsent(report)) {
		return { deviationId: null, consented: true };
	}
	if (deviationId === null) {
		throw new DomainError(
			409,
			'no_consent',
			'The reporter said no to warnings. To publish anyway, record a signed policy deviation for this report and attach it.',
			'deviation_id'
		);
	}
	const deviation = await findDeviation(db, deviationId);
	if (!deviation || deviation.reportId !== reportId) {
		throw new DomainError(
			409,
			'deviation_mismatch',
			'That policy-deviation record is not about this report.',
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
	return { deviationId, consented: false };
}
