/** DESIGN §4: the incident types a report can name (more than one may apply). */
export const INCIDENT_TYPES = [
	'rape',
	'sexual_assault',
	'stealthing',
	'physical_assault',
	'robbery',
	'non_payment',
	'threats',
	'coercion',
	'online_abuse',
	'suspicious',
	'other'
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** Plain words for each type, as the reporter sees them. */
export const INCIDENT_LABELS: Record<IncidentType, { label: string; hint?: string }> = {
	rape: { label: 'Rape', hint: 'sex without your consent' },
	sexual_assault: { label: 'Sexual assault', hint: 'sexual touching you did not agree to' },
	stealthing: { label: 'Condom removed without your consent' },
	physical_assault: { label: 'Physical assault', hint: 'hit, kicked, choked, hurt' },
	robbery: { label: 'Robbery or theft', hint: 'money, phone or things taken' },
	non_payment: { label: 'Did not pay', hint: 'or took the money back' },
	threats: { label: 'Threats, harassment or stalking' },
	coercion: {
		label: 'Controlled, forced or exploited',
		hint: 'made to work, money taken, moved from place to place'
	},
	online_abuse: { label: 'Online abuse', hint: 'blackmail, sharing images, posting your details' },
	suspicious: { label: 'Dodgy client', hint: 'nothing happened yet, but others should know' },
	other: { label: 'Something else' }
};
