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
 * Appends one event to the hash chain. Call it inside the transaction that makes the change it
 * records, so a change and its audit line land together or not at all. Detail must never hold
 * report content, secrets, IP addresses or user agents.
 */
export async function appendAuditEvent(
	trx: Transaction<Database>,
	input: AuditInput
): Promise<number> {
	const sodium = await getSodium();
	const last = await trx
		.selectFrom('audit_events')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	const event: AuditEventBody = {
		seq: (last?.seq ?? 0) + 1,
		at: input.at ?? nowIso(),
		actor_id: input.actorId,
		action: input.action,
		subject: input.subject ?? null,
		detail: input.detail ?? {}
	};
	const prevHash = last ? new Uint8Array(last.hash) : AUDIT_GENESIS;
	await trx
		.insertInto('audit_events')
		.values({
			seq: event.seq,
			at: event.at,
			actor_id: event.actor_id,
			action: event.action,
			subject: event.subject,
			detail_json: JSON.stringify(event.detail),
			prev_hash: prevHash,
			hash: auditHash(sodium, prevHash, event)
		})
		.execute();
	return event.seq;
}

/** Runs a change and its audit event in one transaction. SQLite serialises writers, so the seq
 * read inside the transaction cannot race; PostgreSQL takes a lock for the same effect. */
export function withAudit<T>(
	db: Db,
	work: (trx: Transaction<Database>) => Promise<{ result: T; audit: AuditInput | AuditInput[] }>
): Promise<T> {
	return db.transaction().execute(async (trx) => {
		if (isPostgres(trx)) {
			await sql`lock table audit_events in exclusive mode`.execute(trx);
		}
		const { result, audit } = await work(trx);
		for (const event of Array.isArray(audit) ? audit : [audit]) {
			await appendAuditEvent(trx, event);
		}
		return result;
	});
}
