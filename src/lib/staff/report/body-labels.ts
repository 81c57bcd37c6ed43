/** Staff-facing words for the coded answers in a report body. */
export const AGE_BAND_LABELS: Record<string, string> = {
	under_18: 'Under 18',
	'18_24': '18 to 24',
	'25_34': '25 to 34',
	'35_44': '35 to 44',
	'45_plus': '45 or older'
};
export const VULNERABILITY_LABELS: Record<string, string> = {
	immigration: 'Immigration status',
	mental_health: 'Mental health',
	substances: 'Drugs or alcohol',
	disability: 'Disability',
	homeless: 'Homeless or no safe place to stay',
	language: 'Language'
};
export const CONTACT_LABELS: Record<string, string> = {
	none: 'Do not contact',
	outreach: 'Through an outreach or support service',
	phone: 'By phone',
	email: 'By e-mail'
};
export const AGREED_LABELS: Record<string, string> = {
	yes: 'Yes, they agreed',
	no: 'No',
	not_asked: 'Not asked'
};
export const UNDER18_LABELS: Record<string, string> = {
	no: 'No',
	yes: 'Yes',
	unsure: 'Not sure'
};
export const REPORTER_LABELS: Record<string, string> = {
	self: 'The person it happened to',
	outreach: 'An outreach or support worker',
	other: 'Someone else'
};
export const answer = (labels: Record<string, string>, value: string) =>
	value === '' ? '' : (labels[value] ?? value);
