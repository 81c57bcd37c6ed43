import * as v from 'valibot';

/** Support contacts shown to reporters on the home page. The defaults name the local partners;
 * admins edit the list at /staff/settings/contacts (the `support_contacts` setting). */
export interface SupportContact {
	name: string;
	description: string;
	phone?: string;
	url?: string;
}

export const CONTACT_NAME_MAX = 80;
export const CONTACT_DESCRIPTION_MAX = 300;
export const CONTACTS_MAX = 12;
/** A number someone can dial: digits, spaces, brackets and hyphens, an optional leading +. */
export const CONTACT_PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,22}[0-9]$/;

const optional = (schema: v.GenericSchema<string, string>) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.union([v.literal(''), schema]),
		v.transform((s) => (s === '' ? undefined : s))
	);

export const SupportContactSchema = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Give the name of the service.'),
		v.maxLength(CONTACT_NAME_MAX, `Keep the name under ${CONTACT_NAME_MAX} characters.`)
	),
	description: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Say in a sentence what they help with.'),
		v.maxLength(
			CONTACT_DESCRIPTION_MAX,
			`Keep what they help with under ${CONTACT_DESCRIPTION_MAX} characters.`
		)
	),
	phone: optional(
		v.pipe(
			v.string(),
			v.regex(CONTACT_PHONE_PATTERN, 'Enter a phone number, like 01452 123456 or +44 1452 123456.')
		)
	),
	// Only https: the page links to it, and a reporter's visit must not leak over plain http.
	url: optional(
		v.pipe(
			v.string(),
			v.maxLength(200, 'Keep the web address under 200 characters.'),
			v.check(isHttpsUrl, 'Enter a web address starting with https://.')
		)
	)
});

export const SupportContactListSchema = v.pipe(
	v.array(SupportContactSchema),
	v.maxLength(CONTACTS_MAX, `Show at most ${CONTACTS_MAX} contacts.`)
);

function isHttpsUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' && url.hostname.includes('.') && !url.username;
	} catch {
		return false;
	}
}

export const DEFAULT_CONTACTS: SupportContact[] = [
	{
		name: 'The Nelson Trust',
		description:
			'Outreach and support for women who sell sex in Gloucestershire: health, housing, safety and someone to talk to. They can also make a report with you.',
		url: 'https://www.nelsontrust.com'
	},
	{
		name: 'The Sex Worker Forum',
		description:
			'Sex workers and the services that support them, meeting with the police to make reporting safer. Ask your outreach worker how to join.'
	}
];

/** The stored list, or the defaults when none is stored or it no longer passes the rules. */
export function parseContacts(json: string | undefined): SupportContact[] {
	if (json === undefined) {
		return DEFAULT_CONTACTS;
	}
	try {
		const parsed = v.safeParse(SupportContactListSchema, JSON.parse(json));
		if (parsed.success) {
			return parsed.output.map(({ name, description, phone, url }) => ({
				name,
				description,
				...(phone ? { phone } : {}),
				...(url ? { url } : {})
			}));
		}
	} catch {
		// fall through to the defaults
	}
	return DEFAULT_CONTACTS;
}
