// The submit bench's floor: a bare node:http + better-sqlite3 server that takes the same multipart
// report bodies as POST /api/v1/reports and stores the same bytes with the portal's pragmas, with
// none of the portal's checks. Run in its own process:
//   node scripts/bench/lib/floor-server.js <database path> <port>
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import sodiumModule from 'libsodium-wrappers';

const [dbPath, port] = process.argv.slice(2);
await sodiumModule.ready;
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('secure_delete = ON');
db.exec(`
	create table if not exists reports (
		id text primary key, ref text not null unique, created_at text not null,
		unit_key_id text not null, envelope_json text not null, nonce blob not null,
		ciphertext blob not null, key_for_unit blob not null, key_for_reporter blob not null,
		reporter_pk blob not null, lookup_hash blob not null unique
	);
	create table if not exists attachments (
		id text primary key, report_id text not null references reports (id),
		idx integer not null, ciphertext blob not null
	);
`);
const insertReport = db.prepare(`insert into reports values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insertAttachment = db.prepare(`insert into attachments values (?, ?, ?, ?)`);
const findReport = db.prepare(`select ref, created_at from reports where lookup_hash = ?`);
const store = db.transaction((/** @type {any} */ r, /** @type {Buffer[]} */ files) => {
	const id = randomBytes(16).toString('base64url');
	const ref = randomBytes(6).toString('hex');
	const b = (/** @type {string} */ s) => Buffer.from(s, 'base64url');
	insertReport.run(
		id,
		ref,
		new Date().toISOString(),
		r.unit_key_id,
		JSON.stringify(r.envelope),
		b(r.nonce),
		b(r.ciphertext),
		b(r.key_for_unit),
		b(r.key_for_reporter),
		b(r.reporter_pk),
		b(r.lookup_hash)
	);
	files.forEach((file, idx) =>
		insertAttachment.run(randomBytes(16).toString('base64url'), id, idx, file)
	);
	return ref;
});

/** The parts of a multipart/form-data body, by name. */
function parts(/** @type {Buffer} */ body, /** @type {string} */ contentType) {
	const boundary = Buffer.from('--' + /boundary=([^;]+)/.exec(contentType)?.[1]);
	/** @type {Map<string, Buffer>} */
	const found = new Map();
	let at = body.indexOf(boundary);
	while (at >= 0) {
		const start = at + boundary.length + 2;
		const end = body.indexOf(boundary, start);
		if (end < 0) {
			break;
		}
		const headEnd = body.indexOf('\r\n\r\n', start);
		const name = /name="([^"]+)"/.exec(body.subarray(start, headEnd).toString())?.[1];
		if (name) {
			found.set(name, body.subarray(headEnd + 4, end - 2));
		}
		at = end;
	}
	return found;
}

const send = (/** @type {import('node:http').ServerResponse} */ res, status, value) => {
	const text = JSON.stringify(value);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text)
	});
	res.end(text);
};

createServer((req, res) => {
	/** @type {Buffer[]} */
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const body = Buffer.concat(chunks);
		try {
			if (req.url === '/api/v1/reports') {
				const form = parts(body, req.headers['content-type'] ?? '');
				const report = JSON.parse(form.get('report')?.toString() ?? 'null');
				const files = [...form.keys()]
					.filter((k) => k.startsWith('attachment'))
					.map((k) => form.get(k));
				send(res, 201, { ref: store(report, files) });
			} else if (req.url === '/api/v1/status') {
				const { lookup } = JSON.parse(body.toString());
				const hash = sodiumModule.crypto_generichash(32, Buffer.from(lookup, 'base64url'), null);
				const row = findReport.get(Buffer.from(hash));
				send(res, row ? 200 : 404, row ?? { error: { code: 'not_found' } });
			} else {
				send(res, 404, { error: { code: 'not_found' } });
			}
		} catch (err) {
			send(res, 400, { error: { code: 'bad', message: String(err) } });
		}
	});
}).listen(Number(port), '127.0.0.1', () => console.log('listening'));
