import { sql, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import { withAudit, type AuditInput } from './chain';

/**
 * Group commit for audited writes that arrive in bursts (new reports). Each write still lands
 * whole or not at all, with its audit lines, and its caller hears of it only once it is durable:
 * what changes is that the writes waiting while one commit is being synced to disk share the next
 * commit, and its one sync, instead of each waiting for a sync of its own. That sync (SQLite's
 * synchronous=FULL) was most of the cost of a report.
 *
 * Each write runs in its own savepoint, so one refused (a duplicate code, a full quota) is undone
 * alone and its caller gets its own error; the others go on. The audit lines of the writes that
 * stayed are appended, in order, in the same transaction by withAudit.
 */
type Work<T> = (
	trx: Transaction<Database>
) => Promise<{ result: T; audit: AuditInput | AuditInput[] }>;

interface Pending {
	work: Work<unknown>;
	resolve: (value: unknown) => void;
	reject: (reason: unknown) => void;
}

/** Enough to spread one sync over a burst; small enough that no one transaction runs long. */
const MAX_GROUP = 32;

const queues = new WeakMap<Db, { pending: Pending[]; running: boolean }>();

export function withAuditGrouped<T>(db: Db, work: Work<T>): Promise<T> {
	let queue = queues.get(db);
	if (!queue) {
		queue = { pending: [], running: false };
		queues.set(db, queue);
	}
	const entry = queue;
	return new Promise<T>((resolve, reject) => {
		entry.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
		if (!entry.running) {
			entry.running = true;
			// One turn of the event loop first, so that writes arriving together commit together.
			setImmediate(() => void drain(db, entry));
		}
	});
}

async function drain(db: Db, queue: { pending: Pending[]; running: boolean }) {
	while (queue.pending.length > 0) {
		const group = queue.pending.splice(0, MAX_GROUP);
		const outcomes: (() => void)[] = [];
		try {
			await withAudit(db, async (trx) => {
				const audit: AuditInput[] = [];
				for (const item of group) {
					await sql`savepoint grouped_write`.execute(trx);
					try {
						const done = await item.work(trx);
						await sql`release savepoint grouped_write`.execute(trx);
						audit.push(...(Array.isArray(done.audit) ? done.audit : [done.audit]));
						outcomes.push(() => item.resolve(done.result));
					} catch (err) {
						await sql`rollback to savepoint grouped_write`.execute(trx);
						await sql`release savepoint grouped_write`.execute(trx);
						outcomes.push(() => item.reject(err));
					}
				}
				return { result: undefined, audit };
			});
			// Only now, after the commit, does any caller hear that its write is stored.
			outcomes.forEach((settle) => settle());
		} catch (err) {
			// The commit failed: nothing of the group is stored, and every caller is told so.
			group.forEach((item) => item.reject(err));
		}
		// Let the requests that arrived during that commit join the next one.
		await new Promise((resolve) => setImmediate(resolve));
	}
	queue.running = false;
}
