/** Support contacts shown to reporters. The defaults name the local partners; a deployment can
 * replace them with the `support_contacts` setting (a JSON array of the same shape). */
export interface SupportContact {
	name: string;
	description: string;
	phone?: string;
	url?: string;
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

export function parseContacts(json: string | undefined): SupportContact[] {
	if (!json) {
		return DEFAULT_CONTACTS;
	}
	try {
		const value = JSON.parse(json) as unknown;
		if (
			Array.isArray(value) &&
			value.every((c) => typeof c?.name === 'string' && typeof c?.description === 'string')
		) {
			return value.map((c: SupportContact) => ({
				name: c.name,
				description: c.description,
				phone: typeof c.phone === 'string' ? c.phone : undefined,
				url: typeof c.url === 'string' && /^https:\/\//.test(c.url) ? c.url : undefined
			}));
		}
	} catch {
		// fall through to the defaults
	}
	return DEFAULT_CONTACTS;
}
