import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { SMTPServer } from 'smtp-server';
import { getSodium } from '../../../src/lib/crypto/sodium';
import { sealReportPayload } from '../../../src/lib/report/payload';
import type { Db } from '../../../src/lib/server/db';
import type { Staff } from '../../../src/lib/server/db/schema';
import { insertReport } from '../../../src/lib/server/reports/store';
import { AlertSettingsForm, saveAlertSettings } from '../../../src/lib/server/alerts/settings';
import { syntheticReport } from '../../../src/lib/server/synthetic/generate';

/** A local SMTP server on 127.0.0.1 that keeps every raw message it accepts, or refuses them all. */
export async function startSmtp({ refuse = false } = {}) {
	const received: string[] = [];
	let attempts = 0;
	const server = new SMTPServer({
		authOptional: true,
		// The test talks plain SMTP on loopback: no certificate to trust.
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			attempts++;
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				if (refuse) {
					const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
					callback(err);
					return;
				}
				received.push(Buffer.concat(chunks).toString('utf8'));
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		attempts: () => attempts,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** A local HTTP server that records each request's body and answers with `status`. */
export async function startReceiver(
	answer: (req: IncomingMessage) => [number, Record<string, string>?] = () => [204]
) {
	const bodies: string[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			bodies.push(Buffer.concat(chunks).toString('utf8'));
			const [status, headers] = answer(req);
			res.writeHead(status, headers ?? {}).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		bodies,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/** Saves alert settings the way the settings page does: through its form schema. */
export async function configureAlerts(
	db: Db,
	admin: Staff,
	fields: Partial<
		Record<'recipients' | 'webhook' | 'digest' | 'safeguarding_minutes' | 'any_days', string>
	>
) {
	const form = v.parse(AlertSettingsForm, {
		recipients: '',
		webhook: '',
		digest: 'hourly',
		safeguarding_minutes: '60',
		any_days: '3',
		...fields
	});
	return saveAlertSettings(db, admin, form);
}

/** Words that must never reach an alert: this report's own area, types and a sentinel phrase. */
export const SENTINEL = 'Marmalade-Lighthouse-4471';

/** Stores a report as a browser would send it, with a sentinel in its text and in what it says. */
export async function storeReport(
	db: Db,
	unit: { id: string; publicKey: Uint8Array },
	seed: number,
	under18: 'yes' | 'unsure' | 'no'
) {
	const sodium = await getSodium();
	const { envelope, body } = syntheticReport(sodium, seed, {
		under18,
		types: ['stealthing', 'non_payment']
	});
	envelope.area = 'tewkesbury';
	body.incident.narrative = `He said ${SENTINEL} twice.`;
	body.incident.location = `${SENTINEL} lane`;
	const { payload } = sealReportPayload(sodium, {
		body,
		envelope,
		unitKeyId: unit.id,
		unitPublicKey: unit.publicKey
	});
	return insertReport(db, payload, [], 'browser');
}
