import type { Kysely } from 'kysely';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { hourOf } from '../reports/reporter-time';
import { nowIso } from '../time';
import { PARTNER_ROLE } from '../../report/vocabulary';
import { toBase64url } from '../../crypto/encoding';
import type { WalletState } from '../../api/partner';
import { listWorkers } from './orgs';
import type {
	SealedWalletInput,
	WalletGrantInput,
	WalletRotationInput
} from '../../partner/schemas';

type Executor = Kysely<Database>;

/**
 * The organisation's code wallet on the server: ciphertext, a revision for compare-and-swap and
 * the wallet key sealed per worker. Nothing here can read it (DESIGN §5.8).
 *
 * Saving entries writes no audit line and keeps its time to the hour, like a reporter's acts: a
 * line in the chain beside the report's own "report.received" line, or a time to the second,
 * would let the server pair a wallet save with the report it added. Creating the wallet, giving a
 * colleague the key and changing the key are audited as usual.
 */
const stale = () =>
	new DomainError(
		409,
		'stale',
		'A colleague changed the wallet at the same time. It has been reloaded; please try again.'
	);

export const findWallet = (db: Executor, orgId: string) =>
	db.selectFrom('partner_wallets').selectAll().where('org_id', '=', orgId).executeTakeFirst();

const findGrantOf = (db: Executor, staffId: string) =>
	db.selectFrom('wallet_key_grants').selectAll().where('staff_id', '=', staffId).executeTakeFirst();

const b64 = (bytes: Uint8Array) => toBase64url(new Uint8Array(bytes));

/** Stores W, sealed to each named worker, as given by `granter`'s browser. */
const storeGrants = (
	trx: Executor,
	granter: Staff,
	keyVersion: number,
	grants: { staff_id: string; sealed_key: Uint8Array }[]
) =>
	trx
		.insertInto('wallet_key_grants')
		.values(
			grants.map((g) => ({
				staff_id: g.staff_id,
				org_id: granter.org_id!,
				key_version: keyVersion,
				sealed_key: g.sealed_key,
				granted_by: granter.id,
				granted_at: nowIso()
			}))
		)
		.execute();

/** What a worker's browser needs to open and save the wallet: the ciphertext, its counters, the
 * wallet key sealed to this worker if they hold the current one, and the colleagues it may seal
 * the key to. */
export async function walletState(db: Executor, worker: Staff): Promise<WalletState> {
	const orgId = worker.org_id!;
	const wallet = await findWallet(db, orgId);
	const grant = await findGrantOf(db, worker.id);
	const current = grant && wallet && grant.key_version === wallet.key_version ? grant : null;
	const workers = await listWorkers(db, orgId);
	return {
		org_id: orgId,
		wallet: wallet
			? {
					key_version: wallet.key_version,
					revision: wallet.revision,
					nonce: b64(wallet.nonce),
					ciphertext: b64(wallet.ciphertext),
					rotation_due: wallet.rotation_due === 1
				}
			: null,
		sealed_key: current ? b64(current.sealed_key) : null,
		colleagues: workers
			.filter((w) => w.status === 'active')
			.map((w) => ({
				id: w.id,
				username: w.username,
				box_pk: b64(w.box_pk),
				has_key: wallet !== undefined && w.key_version === wallet.key_version
			}))
	};
}

async function requireCurrentKey(trx: Executor, worker: Staff, keyVersion: number) {
	const grant = await findGrantOf(trx, worker.id);
	if (!grant || grant.key_version !== keyVersion) {
		throw new DomainError(403, 'no_wallet_key', 'You do not hold the wallet key yet.');
	}
}

/** The first wallet of an organisation, made in a worker's browser with a fresh key. */
export function createWallet(
	db: Db,
	worker: Staff,
	input: SealedWalletInput & { sealed_key: Uint8Array }
) {
	return withAudit(db, async (trx) => {
		if (await findWallet(trx, worker.org_id!)) {
			throw stale();
		}
		if (input.revision !== 1 || input.key_version !== 1) {
			throw new DomainError(400, 'invalid', 'A new wallet starts at revision 1.');
		}
		await trx
			.insertInto('partner_wallets')
			.values({
				org_id: worker.org_id!,
				key_version: 1,
				revision: 1,
				nonce: input.nonce,
				ciphertext: input.ciphertext,
				updated_at: hourOf(),
				rotation_due: 0
			})
			.execute();
		await storeGrants(trx, worker, 1, [{ staff_id: worker.id, sealed_key: input.sealed_key }]);
		return {
			result: undefined,
			audit: { actorId: worker.id, action: 'partner.wallet_create', subject: worker.org_id }
		};
	});
}

/** Compare-and-swap: the save names the revision it makes (the one it read + 1); if another
 * worker saved first, nothing changes and the browser reloads, merges and tries again. */
export function saveWallet(db: Db, worker: Staff, input: SealedWalletInput) {
	return withAudit(db, async (trx) => {
		await requireCurrentKey(trx, worker, input.key_version);
		const saved = await trx
			.updateTable('partner_wallets')
			.set({
				revision: input.revision,
				nonce: input.nonce,
				ciphertext: input.ciphertext,
				updated_at: hourOf()
			})
			.where('org_id', '=', worker.org_id!)
			.where('revision', '=', input.revision - 1)
			.where('key_version', '=', input.key_version)
			.executeTakeFirst();
		if (Number(saved.numUpdatedRows) !== 1) {
			throw stale();
		}
		return { result: undefined, audit: [] };
	});
}

async function requireColleague(trx: Executor, worker: Staff, staffId: string) {
	const colleague = await trx
		.selectFrom('staff')
		.select(['id', 'username'])
		.where('id', '=', staffId)
		.where('org_id', '=', worker.org_id!)
		.where('role', '=', PARTNER_ROLE)
		.where('status', '=', 'active')
		.executeTakeFirst();
	if (!colleague) {
		throw new DomainError(404, 'not_found', 'No active colleague has that id.', 'staff_id');
	}
	return colleague;
}

/** A worker who holds the key seals it to a colleague who joined later. */
export function grantWalletKey(db: Db, worker: Staff, input: WalletGrantInput) {
	return withAudit(db, async (trx) => {
		await requireCurrentKey(trx, worker, input.key_version);
		const colleague = await requireColleague(trx, worker, input.staff_id);
		await trx.deleteFrom('wallet_key_grants').where('staff_id', '=', colleague.id).execute();
		await storeGrants(trx, worker, input.key_version, [
			{ staff_id: colleague.id, sealed_key: input.sealed_key }
		]);
		return {
			result: undefined,
			audit: {
				actorId: worker.id,
				action: 'partner.wallet_grant',
				subject: colleague.id,
				detail: { key_version: input.key_version }
			}
		};
	});
}

/**
 * A new wallet key after a worker left: the wallet re-sealed under it, and the key sealed to each
 * remaining worker, in one step. Every grant of the old key is deleted, so only the workers named
 * here (the rotating worker among them) hold the new one.
 */
export function rotateWallet(db: Db, worker: Staff, input: WalletRotationInput) {
	return withAudit(db, async (trx) => {
		const wallet = await findWallet(trx, worker.org_id!);
		await requireCurrentKey(trx, worker, input.key_version - 1);
		if (
			!wallet ||
			wallet.key_version !== input.key_version - 1 ||
			wallet.revision !== input.revision - 1
		) {
			throw stale();
		}
		if (!input.grants.some((g) => g.staff_id === worker.id)) {
			throw new DomainError(400, 'invalid', 'Keep the new key for yourself too.');
		}
		for (const grant of input.grants) {
			await requireColleague(trx, worker, grant.staff_id);
		}
		await trx.deleteFrom('wallet_key_grants').where('org_id', '=', worker.org_id!).execute();
		await storeGrants(trx, worker, input.key_version, input.grants);
		await trx
			.updateTable('partner_wallets')
			.set({
				key_version: input.key_version,
				revision: input.revision,
				nonce: input.nonce,
				ciphertext: input.ciphertext,
				updated_at: hourOf(),
				rotation_due: 0
			})
			.where('org_id', '=', worker.org_id!)
			.execute();
		return {
			result: undefined,
			audit: {
				actorId: worker.id,
				action: 'partner.wallet_rotate',
				subject: worker.org_id,
				detail: { key_version: input.key_version, holders: input.grants.length }
			}
		};
	});
}
