import {
	CompiledQuery,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type SqliteDialectConfig
} from 'kysely';

/**
 * SQLite with more than one connection writing to it: the server's own and its report writer's
 * thread (reports/writer-thread.ts), and the command-line tools beside a running server.
 *
 * - A transaction takes the write lock as it begins (BEGIN IMMEDIATE). A deferred one that has
 *   read, and then finds that another connection wrote since, fails at its first write instead of
 *   waiting (SQLITE_BUSY_SNAPSHOT); withAudit reads the chain's head inside its transaction, so it
 *   must read it under the lock.
 * - A connection that finds the lock taken waits without holding its thread: the statement is
 *   tried again after a pause (busy_timeout is 0, see connect.ts). SQLite's own busy handler
 *   sleeps in the calling thread, which on the server's main thread would stop every request,
 *   and two connections in one thread would wait on each other until the timeout.
 */
export class PatientSqliteDialect extends SqliteDialect {
	constructor(private readonly settings: SqliteDialectConfig) {
		super(settings);
	}

	override createDriver(): Driver {
		return new PatientSqliteDriver(this.settings);
	}
}

class PatientSqliteDriver extends SqliteDriver {
	readonly #patient = new WeakMap<DatabaseConnection, DatabaseConnection>();

	override async acquireConnection(): Promise<DatabaseConnection> {
		const connection = await super.acquireConnection();
		let patient = this.#patient.get(connection);
		if (!patient) {
			patient = {
				executeQuery: (query) => whenFree(() => connection.executeQuery(query)),
				streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize)
			};
			this.#patient.set(connection, patient);
		}
		return patient;
	}

	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

/** Pauses between tries, in milliseconds: short at first (a group of reports commits in a few). */
const PAUSES = [1, 2, 5, 10, 20, 50];
/** Longer than any transaction of ours holds the lock; then the caller hears SQLITE_BUSY. */
export const BUSY_GIVE_UP_MS = 30_000;

const isBusy = (err: unknown) => {
	const code = (err as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * Runs a statement, again after a pause while another connection holds the lock. A statement
 * refused with SQLITE_BUSY did nothing (a COMMIT refused so leaves its transaction open to be
 * committed again), so trying it again is safe.
 */
export async function whenFree<T>(run: () => Promise<T>): Promise<T> {
	const started = Date.now();
	for (let attempt = 0; ; attempt++) {
		try {
			return await run();
		} catch (err) {
			if (!isBusy(err) || Date.now() - started > BUSY_GIVE_UP_MS) {
				throw err;
			}
			await new Promise((resolve) => setTimeout(resolve, PAUSES[Math.min(attempt, 5)]));
		}
	}
}
