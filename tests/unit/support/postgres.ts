import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL server the tests may use (scripts/with-postgres.sh exports it). */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? '';

/** TEST_DATABASE=postgres (npm run test:postgres): the unit tests' databases are then PostgreSQL
 * databases on that server instead of SQLite files. */
export const onPostgres = process.env.TEST_DATABASE === 'postgres';
if (onPostgres && !postgresAdminUrl) {
	throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL: run npm run test:postgres');
}

/** Migrated once per run (tests/unit/support/postgres-setup.ts); each test database is a copy. */
export const TEMPLATE_DATABASE = 'safereport_unit_template';

/** The same server's URL for another database. */
export function databaseUrlFor(name: string): string {
	const url = new URL(postgresAdminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/** Runs one statement on the server's maintenance database (creating and dropping databases). */
export async function onServer(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: postgresAdminUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** A new database copied from the migrated template; returns its name. */
export async function copyTemplate(): Promise<string> {
	const name = `safereport_unit_${randomBytes(8).toString('hex')}`;
	await onServer(`create database ${name} template ${TEMPLATE_DATABASE}`);
	return name;
}

export const dropDatabase = (name: string) =>
	onServer(`drop database if exists ${name} with (force)`);

/** Whether the database a test URL names still exists on the server. */
export async function databaseExists(url: string): Promise<boolean> {
	const client = new pg.Client({ connectionString: postgresAdminUrl });
	await client.connect();
	try {
		const name = new URL(url).pathname.slice(1);
		const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
		return rowCount === 1;
	} finally {
		await client.end();
	}
}
