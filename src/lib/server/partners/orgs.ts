import type { Kysely } from 'kysely';
import { withAudit } from '../audit/chain';
import { endAllSessions, endOrgSessions } from '../auth/sessions';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { nowIso } from '../time';
import { PARTNER_ROLE } from '../../report/vocabulary';

type Executor = Kysely<Database>;

export const findOrg = (db: Executor, id: string) =>
	db.selectFrom('partner_orgs').selectAll().where('id', '=', id).executeTakeFirst();

/** The organisations for the admin's page, with how many active workers each has. */
export const listOrgs = (db: Executor) =>
	db
		.selectFrom('partner_orgs')
		.select((eb) => [
			'partner_orgs.id',
			'partner_orgs.name',
			'partner_orgs.contact',
			'partner_orgs.status',
			'partner_orgs.created_at',
			eb
				.selectFrom('staff')
				.select((s) => s.fn.countAll<number>().as('n'))
				.whereRef('staff.org_id', '=', 'partner_orgs.id')
				.where('staff.status', '=', 'active')
				.as('workers')
		])
		.orderBy('partner_orgs.name')
		.execute();

/** An organisation's workers, oldest first, with whether each holds the current wallet key. */
export const listWorkers = (db: Executor, orgId: string) =>
	db
		.selectFrom('staff')
		.leftJoin('wallet_key_grants', 'wallet_key_grants.staff_id', 'staff.id')
		.select([
			'staff.id',
			'staff.username',
			'staff.status',
			'staff.box_pk',
			'staff.created_at',
			'wallet_key_grants.key_version'
		])
		.where('staff.org_id', '=', orgId)
		.where('staff.role', '=', PARTNER_ROLE)
		.orderBy('staff.created_at')
		.orderBy('staff.id')
		.execute();

export async function registerOrg(db: Db, admin: Staff, input: { name: string; contact: string }) {
	return withAudit(db, async (trx) => {
		const taken = await trx
			.selectFrom('partner_orgs')
			.select('id')
			.where('name', '=', input.name)
			.executeTakeFirst();
		if (taken) {
			throw new DomainError(409, 'conflict', 'An organisation of that name exists.', 'name');
		}
		const id = newId();
		await trx
			.insertInto('partner_orgs')
			.values({
				id,
				name: input.name,
				contact: input.contact,
				status: 'active',
				created_by: admin.id,
				created_at: nowIso(),
				disabled_at: null
			})
			.execute();
		return {
			result: id,
			audit: {
				actorId: admin.id,
				action: 'partner.register',
				subject: id,
				detail: { name: input.name }
			}
		};
	});
}

/** Disabling an organisation ends every worker's session at once; its wallet stays sealed. */
export async function disableOrg(db: Db, admin: Staff, orgId: string) {
	return withAudit(db, async (trx) => {
		const org = await findOrg(trx, orgId);
		if (!org) {
			throw new DomainError(404, 'not_found', 'No organisation has that id.');
		}
		if (org.status !== 'active') {
			throw new DomainError(409, 'conflict', `${org.name} is already disabled.`);
		}
		await trx
			.updateTable('partner_orgs')
			.set({ status: 'disabled', disabled_at: nowIso() })
			.where('id', '=', orgId)
			.execute();
		await endOrgSessions(trx, orgId);
		return {
			result: org,
			audit: {
				actorId: admin.id,
				action: 'partner.disable',
				subject: orgId,
				detail: { name: org.name }
			}
		};
	});
}

/**
 * A worker leaves: their sessions end, their sealed wallet key is deleted and the wallet is marked
 * for a new key. The server cannot make that key (it never holds W): the next remaining worker's
 * browser does (DESIGN §5.8), and until then the leaver's copy of the old key opens only the
 * wallet as it stood, which their browser may already have seen.
 */
export async function disableWorker(db: Db, actor: Staff, workerId: string) {
	return withAudit(db, async (trx) => {
		const worker = await trx
			.selectFrom('staff')
			.selectAll()
			.where('id', '=', workerId)
			.where('role', '=', PARTNER_ROLE)
			.executeTakeFirst();
		const mayAct = actor.role === 'admin' || (worker && worker.org_id === actor.org_id);
		if (!worker || !mayAct) {
			throw new DomainError(404, 'not_found', 'No worker has that id.');
		}
		if (worker.status !== 'active') {
			throw new DomainError(409, 'conflict', `${worker.username} is already disabled.`);
		}
		await trx
			.updateTable('staff')
			.set({ status: 'disabled', disabled_at: nowIso() })
			.where('id', '=', worker.id)
			.execute();
		await endAllSessions(trx, worker.id);
		const held = await trx
			.deleteFrom('wallet_key_grants')
			.where('staff_id', '=', worker.id)
			.executeTakeFirst();
		if (Number(held.numDeletedRows) > 0) {
			await trx
				.updateTable('partner_wallets')
				.set({ rotation_due: 1 })
				.where('org_id', '=', worker.org_id!)
				.execute();
		}
		return {
			result: worker,
			audit: {
				actorId: actor.id,
				action: 'partner.worker_disable',
				subject: worker.id,
				detail: { username: worker.username, org_id: worker.org_id }
			}
		};
	});
}
