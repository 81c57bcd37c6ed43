import { PARTNER_ROLE, ROLES, type MemberRole } from '../../../src/lib/report/vocabulary';
import { submitReport } from '../../support/api-client';
import { installUnitKey } from '../../support/unit-keyring';
import { startPortal, type Portal } from './portal';
import { addMember, addPartnerWorker } from './sessions';

/**
 * A portal holding one report and a signed-in session of every staff role and of a partner
 * worker: what the authorization matrix and the hostile-input fuzz send their requests as.
 * Proof of work is cheap and the rate limits lifted, so the requests themselves are tested.
 */
export async function portalWithEveryRole(report: { files?: Uint8Array[] } = {}) {
	const portal: Portal = await startPortal({ POW_MAX: '10', RATE_LIMIT_FACTOR: '100000' });
	try {
		const unit = await installUnitKey(portal.dbPath);
		const { res } = await submitReport(portal.url, unit, report);
		const reportRef = ((await res.json()) as { ref: string }).ref;
		const members = new Map<MemberRole, string>();
		for (const role of ROLES) {
			members.set(role, addMember(portal.dbPath, role));
		}
		members.set(PARTNER_ROLE, addPartnerWorker(portal.dbPath));
		return { portal, reportRef, members };
	} catch (error) {
		await portal.close();
		throw error;
	}
}
