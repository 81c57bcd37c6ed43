import { createTransport } from 'nodemailer';
import type { AlertCounts } from './counts';
import { alertJson, alertSubject, alertText } from './counts';
import type { AlertKind } from './outbox';

/** A delivery that did not go through, with a short class of error safe to store and show: never
 * the server's own message, which can quote a recipient's address. */
export class DeliveryError extends Error {
	constructor(readonly code: string) {
		super(code);
	}
}

export interface AlertMessage {
	kind: AlertKind;
	counts: AlertCounts;
	url: string;
}

/** SMTP from the environment: SMTP_URL (smtp://user:pass@host:587, or smtps:// for port 465) and
 * SMTP_FROM (the sender address). Read at each send, so a fixed setting needs no restart. */
export function smtpConfig(): { url: string; from: string } | null {
	const url = process.env.SMTP_URL;
	const from = process.env.SMTP_FROM;
	return url && from ? { url, from } : null;
}

const TIMEOUT_MS = 15_000;

function smtpErrorCode(err: unknown): string {
	const e = err as { responseCode?: unknown; code?: unknown };
	if (typeof e.responseCode === 'number') {
		return `smtp_${e.responseCode}`;
	}
	return typeof e.code === 'string' && /^[A-Z_]{2,20}$/.test(e.code)
		? `smtp_${e.code.toLowerCase()}`
		: 'smtp_error';
}

/** Sends one content-free e-mail to every recipient (Bcc, so no recipient sees the others). */
export async function sendEmail(message: AlertMessage, recipients: string[]): Promise<void> {
	const smtp = smtpConfig();
	if (!smtp) {
		throw new DeliveryError('smtp_not_configured');
	}
	const transport = createTransport({
		url: smtp.url,
		connectionTimeout: TIMEOUT_MS,
		greetingTimeout: TIMEOUT_MS,
		socketTimeout: TIMEOUT_MS
	});
	try {
		await transport.sendMail({
			from: smtp.from,
			to: smtp.from,
			bcc: recipients,
			subject: alertSubject(message.kind),
			text: alertText(message.counts, message.url)
		});
	} catch (err) {
		throw new DeliveryError(smtpErrorCode(err));
	} finally {
		transport.close();
	}
}

/** Posts the same counts as JSON. Redirects are not followed: an answer other than 2xx fails. */
export async function sendWebhook(message: AlertMessage, url: string): Promise<void> {
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: alertJson(message.counts, message.url),
			redirect: 'manual',
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
	} catch {
		throw new DeliveryError('webhook_unreachable');
	}
	await response.body?.cancel();
	if (response.status < 200 || response.status > 299) {
		throw new DeliveryError(`http_${response.status}`);
	}
}
