import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';

/** An admin has seen the given-up alerts (and, one hopes, fixed the cause): stop warning. */
export async function dismissFailedAlerts(db: Db, admin: Staff): Promise<number> {
	return withAudit(db, async (trx) => {
		const result = await trx
			.updateTable('alert_outbox')
			.set({ status: 'dismissed' })
			.where('status', '=', 'failed')
			.executeTakeFirst();
		const count = Number(result.numUpdatedRows);
		return {
			result: count,
			audit: { actorId: admin.id, action: 'alert.dismissed', detail: { count } }
		};
	});
}
