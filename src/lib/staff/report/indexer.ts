import type { UnitKeyring } from '../../crypto/keyring';
import { getSodium } from '../../crypto/sodium';
import { blindIndexes, postLinks } from './links';
import { fetchCaseFile, openCaseReport } from './open-case';

/**
 * The background pass after unlock (DESIGN §5.6): reports no browser has indexed yet are fetched,
 * opened here and their blind indexes posted. Each fetch is an audited opening ('index').
 * Reports that do not open (tampered, or sealed to a key this keyring lacks) are skipped.
 */
export async function indexUnindexedReports(keyring: UnitKeyring): Promise<number> {
	const sodium = await getSodium();
	const res = await fetch('/api/v1/staff/reports/unindexed', {
		headers: { accept: 'application/json' }
	});
	if (!res.ok) {
		return 0;
	}
	const { refs } = (await res.json()) as { refs: string[] };
	let indexed = 0;
	for (const ref of refs) {
		const file = await fetchCaseFile(ref, 'index');
		const opened = openCaseReport(sodium, keyring, file);
		if (opened.state !== 'verified') {
			continue;
		}
		sodium.memzero(opened.key);
		await postLinks(ref, blindIndexes(sodium, keyring.linkKey, opened.body));
		indexed++;
	}
	return indexed;
}
