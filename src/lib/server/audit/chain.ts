import { sql, type Transaction } from 'kysely';
import { AUDIT_GENESIS, auditHash, type AuditEventBody } from '../../crypto/audit-hash';
import { getSodium } from '../../crypto/sodium';
import type { Database } from '../db/schema';
import type { Db } from '../db';
import { nowIso } from '../time';
import { isPostgres } from '../db/engine';

export interface AuditInput {
	actorId: string | null;
	action: string;
	subject?: string | null;
	detail?: Record<string, unknown>;
	/** When it happened, if not now: a reporter's action is kept to the hour (reporter-time.ts). */
	at?: string;
}

/**
 * Appends events to the hash chain, in order. Call it inside the transaction that makes the change
 * they record, so a change and its audit lines land together or not at all. The chain's head is
 * read once and the events are chained from it here: a group of reports committed together
 * (group-commit.ts) would otherwise read back, once per line, the line it has just written.
 * Detail must never hold report content, secrets, IP addresses or user agents.
 */
async function appendAuditEvents(trx: Transaction<Database>, inputs: AuditInput[]): Promise<void> {
	if (inputs.length === 0) {
		return;
	}
	const sodium = await getSodium();
	const last = await trx
		.selectFrom('audit_events')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	let seq = last?.seq ?? 0;
	let prevHash: Uint8Array = last ? new Uint8Array(last.hash) : AUDIT_GENESIS;
	const rows = inputs.map((input) => {
		const event: AuditEventBody = {
			seq: ++seq,
			at: input.at ?? nowIso(),
			actor_id: input.actorId,
			action: input.action,
			subject: input.subject ?? null,
			detail: input.detail ?? {}
		};
		const hash = auditHash(sodium, prevHash, event);
		const row = {
			seq: event.seq,
			at: event.at,
			actor_id: event.actor_id,
			action: event.action,
			subject: event.subject,
			detail_json: JSON.stringify(event.detail),
			prev_hash: prevHash,
			hash
		};
		prevHash = hash;
		return row;
	});
	// In slices, so a long list stays within every engine's limit on bound parameters.
	for (let at = 0; at < rows.length; at += INSERT_SLICE) {
		await trx
			.insertInto('audit_events')
			.values(rows.slice(at, at + INSERT_SLICE))
			.execute();
	}
}
const INSERT_SLICE = 200;

/** Runs a change and its audit event in one transaction. SQLite serialises writers (and each
 * transaction takes the write lock as it begins, sqlite-dialect.ts), so the seq read inside the
 * transaction cannot race; PostgreSQL takes a lock for the same effect. */
export function withAudit<T>(
	db: Db,
	work: (trx: Transaction<Database>) => Promise<{ result: T; audit: AuditInput | AuditInput[] }>
): Promise<T> {
	return db.transaction().execute(async (trx) => {
		if (isPostgres(trx)) {
			await sql`lock table audit_events in exclusive mode`.execute(trx);
		}
		const { result, audit } = await work(trx);
		await appendAuditEvents(trx, Array.isArray(audit) ? audit : [audit]);
		return result;
	});
}
