import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The database a benchmark's server runs on. With BENCH_DATABASE=postgres (npm run bench:postgres,
 * which starts a throwaway cluster) it is a fresh PostgreSQL database on the server named by
 * TEST_POSTGRES_URL, dropped by `remove()`; otherwise a SQLite file in a temp folder, removed too.
 * `env` goes into the server's environment (portalEnv's extra): DATABASE_URL, and on PostgreSQL
 * the SERVER_SECRET every instance must share.
 * @returns {Promise<{ engine: 'sqlite' | 'postgres', url: string, env: Record<string, string>,
 *   addStandInUnitKey: () => Promise<void>, remove: () => Promise<void> }>}
 */
export async function benchDatabase() {
	const row = () => [
		randomBytes(16).toString('base64url'),
		randomBytes(32),
		new Date().toISOString()
	];
	if (process.env.BENCH_DATABASE === 'postgres') {
		const server = process.env.TEST_POSTGRES_URL;
		if (!server) {
			throw new Error('BENCH_DATABASE=postgres needs TEST_POSTGRES_URL: npm run bench:postgres');
		}
		const name = `safereport_bench_${randomBytes(6).toString('hex')}`;
		const onServer = async (/** @type {string} */ statement) => {
			const client = new pg.Client({ connectionString: server });
			await client.connect();
			try {
				await client.query(statement);
			} finally {
				await client.end();
			}
		};
		await onServer(`create database ${name}`);
		const url = new URL(server);
		url.pathname = `/${name}`;
		return {
			engine: 'postgres',
			url: url.toString(),
			env: {
				DATABASE_URL: url.toString(),
				SERVER_SECRET: process.env.SERVER_SECRET ?? randomBytes(32).toString('base64url')
			},
			/** Call once the server has started (it migrates the database). */
			async addStandInUnitKey() {
				const client = new pg.Client({ connectionString: url.toString() });
				await client.connect();
				try {
					await client.query(
						'insert into unit_keys (id, public_key, created_at) values ($1, $2, $3)',
						row()
					);
				} finally {
					await client.end();
				}
			},
			remove: () => onServer(`drop database if exists ${name} with (force)`)
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'safereport-bench-'));
	const path = join(dir, 'portal.sqlite');
	return {
		engine: 'sqlite',
		url: path,
		env: { DATABASE_URL: path },
		async addStandInUnitKey() {
			const db = new Database(path);
			try {
				db.prepare('insert into unit_keys (id, public_key, created_at) values (?, ?, ?)').run(
					...row()
				);
			} finally {
				db.close();
			}
		},
		async remove() {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
