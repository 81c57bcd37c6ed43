import { openDatabase } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { databaseUrlFor, dropDatabase, onPostgres, onServer, TEMPLATE_DATABASE } from './postgres';

/** On PostgreSQL, migrates one template database before the unit tests; each test database is
 * then a copy of it, which is much faster than migrating every one. Dropped at the end. */
export async function setup() {
	if (!onPostgres) {
		return;
	}
	await dropDatabase(TEMPLATE_DATABASE);
	await onServer(`create database ${TEMPLATE_DATABASE}`);
	const db = openDatabase(databaseUrlFor(TEMPLATE_DATABASE));
	try {
		await migrateToLatest(db);
	} finally {
		await db.destroy();
	}
}

export async function teardown() {
	if (onPostgres) {
		await dropDatabase(TEMPLATE_DATABASE);
	}
}
