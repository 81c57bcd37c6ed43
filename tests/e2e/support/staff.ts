import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** Reads or changes the portal's database beside the running server (WAL lets both work). */
export function withDb<T>(path: string, work: (db: Database.Database) => T): T {
	const db = new Database(path);
	db.pragma('busy_timeout = 5000');
	try {
		return work(db);
	} finally {
		db.close();
	}
}

export const count = (path: string, table: string, where = '1=1', ...args: unknown[]) =>
	withDb(
		path,
		(db) =>
			(
				db.prepare(`select count(*) as n from ${table} where ${where}`).get(...args) as {
					n: number;
				}
			).n
	);

export const lastAudit = (path: string) =>
	withDb(
		path,
		(db) =>
			db
				.prepare('select action, subject, detail_json from audit_events order by seq desc limit 1')
				.get() as {
				action: string;
				subject: string | null;
				detail_json: string;
			}
	);

const PERIOD = 30;
export const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/**
 * An authenticator app for one member. The server accepts the step before and after the current
 * one, and each step only once; `next()` therefore uses the next unused step, waiting (at most one
 * period) only when it would run ahead of the server's window.
 */
export class Authenticator {
	readonly codes: string[] = [];
	private lastStep = 0;
	private readonly totp: TOTP;

	constructor(base32: string) {
		this.totp = new TOTP({ secret: Secret.fromBase32(base32.replace(/\s+/g, '')), period: PERIOD });
	}

	codeAt(step: number): string {
		const code = this.totp.generate({ timestamp: step * PERIOD * 1000 });
		this.codes.push(code);
		return code;
	}

	async next(): Promise<string> {
		const step = Math.max(this.lastStep + 1, currentStep());
		while (step > currentStep() + 1) {
			await new Promise((r) => setTimeout(r, 500));
		}
		this.lastStep = step;
		return this.codeAt(step);
	}

	/** A well-formed code from none of the accepted steps. */
	wrong(): string {
		const valid = new Set([-1, 0, 1, 2].map((d) => this.codeAt(currentStep() + d)));
		this.codes.splice(-4);
		for (let n = 0; ; n++) {
			const code = String((Number(valid.values().next().value) + 1 + n) % 1_000_000).padStart(
				6,
				'0'
			);
			if (!valid.has(code)) {
				return code;
			}
		}
	}
}

/** One more member holding the keyring, straight into the database: with only the admin and the
 * member a test disables holding it, the two-key-holder rule would refuse the disable (that rule
 * is proved in unit-key-rotation.spec.ts). The keys are random: this member never signs in. */
export function addKeyHolder(dbPath: string, username = 'third.holder') {
	const id = randomUUID();
	const now = new Date().toISOString();
	withDb(dbPath, (db) => {
		db.prepare(
			`insert into staff (id, username, role, team, status, kdf_salt, kdf_ops, kdf_mem, auth_hash,
			 box_pk, sign_pk, secret_box, secret_nonce, totp_secret, totp_nonce, created_at)
			 values (?, ?, 'reviewer', 'RASSO', 'active', ?, 2, 67108864, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			id,
			username,
			randomBytes(16),
			randomBytes(32),
			randomBytes(32),
			randomBytes(32),
			randomBytes(32),
			randomBytes(24),
			randomBytes(32),
			randomBytes(24),
			now
		);
		db.prepare(
			'insert into keyring_grants (staff_id, version, sealed_keyring, granted_by, granted_at) values (?, 1, ?, null, ?)'
		).run(id, randomBytes(120), now);
	});
}
