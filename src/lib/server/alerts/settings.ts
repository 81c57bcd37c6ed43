import * as v from 'valibot';
import type { Kysely } from 'kysely';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { changeSetting } from '../settings/change';
import { getSetting } from '../settings/store';

/** Where the alert settings live in the settings table, as one JSON value. */
export const ALERT_SETTINGS_KEY = 'alerts';

export const DIGEST_FREQUENCIES = ['hourly', 'daily'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export const MAX_RECIPIENTS = 20;

/** One e-mail address; the one home of what the alerts accept as one. */
export const AlertRecipientSchema = v.pipe(
	v.string(),
	v.trim(),
	v.maxLength(254, 'An e-mail address is at most 254 characters.'),
	v.email('Enter each e-mail address in full, like name@example.org.')
);

/** The recipients as an admin types them: one per line (commas and spaces also separate). */
export const AlertRecipientsSchema = v.pipe(
	v.string(),
	v.transform((text) => text.split(/[\s,;]+/).filter((s) => s !== '')),
	v.maxLength(MAX_RECIPIENTS, `At most ${MAX_RECIPIENTS} e-mail addresses.`),
	v.array(AlertRecipientSchema),
	v.transform((list) => [...new Set(list.map((a) => a.toLowerCase()))])
);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A webhook must be HTTPS; plain HTTP only to this machine (a local relay, or a test). Only an
 * admin sets it, and redirects are never followed (send.ts), so it cannot be bent to reach
 * somewhere the admin did not name. */
export function webhookRefusal(text: string): string | null {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return 'Enter the full webhook address, starting with https://.';
	}
	if (url.username || url.password) {
		return 'Put no user name or password in the webhook address.';
	}
	if (url.protocol === 'https:') {
		return null;
	}
	if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) {
		return null;
	}
	return 'The webhook address must start with https:// (http:// only to this machine).';
}

export const WebhookUrlSchema = v.pipe(
	v.string(),
	v.trim(),
	v.maxLength(2000, 'The webhook address is at most 2000 characters.'),
	v.check(
		(text) => text === '' || webhookRefusal(text) === null,
		(issue) => String(webhookRefusal(String(issue.input)))
	),
	v.transform((text) => (text === '' ? null : text))
);

const wholeNumber = (min: number, max: number, message: string) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.regex(/^\d{1,6}$/, message),
		v.transform(Number),
		v.minValue(min, message),
		v.maxValue(max, message)
	);

/** The settings form, field by field as posted. */
export const AlertSettingsForm = v.strictObject({
	recipients: AlertRecipientsSchema,
	webhook: WebhookUrlSchema,
	digest: v.picklist(DIGEST_FREQUENCIES, 'Choose hourly or daily.'),
	safeguarding_minutes: wholeNumber(
		5,
		7 * 24 * 60,
		'Enter a whole number of minutes from 5 to 10080.'
	),
	any_days: wholeNumber(1, 60, 'Enter a whole number of days from 1 to 60.')
});

export interface AlertSettings {
	recipients: string[];
	webhook: string | null;
	digest: DigestFrequency;
	/** A safeguarding report unopened for this long is overdue. */
	safeguardingMinutes: number;
	/** Any report unopened for this long is overdue. */
	anyDays: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
	recipients: [],
	webhook: null,
	digest: 'daily',
	safeguardingMinutes: 60,
	anyDays: 3
};

/** The stored settings, or the defaults for anything missing or unreadable. */
export async function loadAlertSettings(db: Kysely<Database>): Promise<AlertSettings> {
	const stored = await getSetting(db, ALERT_SETTINGS_KEY);
	if (!stored) {
		return { ...DEFAULT_ALERT_SETTINGS };
	}
	try {
		return { ...DEFAULT_ALERT_SETTINGS, ...(JSON.parse(stored) as Partial<AlertSettings>) };
	} catch {
		return { ...DEFAULT_ALERT_SETTINGS };
	}
}

export type AlertChannel = 'email' | 'webhook';

export const channelsOf = (settings: AlertSettings): AlertChannel[] => [
	...(settings.recipients.length > 0 ? (['email'] as const) : []),
	...(settings.webhook ? (['webhook'] as const) : [])
];

/** Saves the settings with one audit line naming what changed. The line holds the addresses'
 * count and whether a webhook is set, not the addresses or the URL themselves. */
export async function saveAlertSettings(
	db: Db,
	admin: Staff,
	form: v.InferOutput<typeof AlertSettingsForm>
): Promise<{ changed: string[] }> {
	return changeSetting(db, admin, ALERT_SETTINGS_KEY, async (trx) => {
		const before = await loadAlertSettings(trx);
		const after: AlertSettings = {
			recipients: form.recipients,
			webhook: form.webhook,
			digest: form.digest,
			safeguardingMinutes: form.safeguarding_minutes,
			anyDays: form.any_days
		};
		const changed = (Object.keys(after) as (keyof AlertSettings)[]).filter(
			(key) => JSON.stringify(after[key]) !== JSON.stringify(before[key])
		);
		return {
			value: JSON.stringify(after),
			result: { changed },
			detail: {
				changed,
				recipients: after.recipients.length,
				webhook: after.webhook !== null,
				digest: after.digest,
				safeguarding_minutes: after.safeguardingMinutes,
				any_days: after.anyDays
			}
		};
	});
}
