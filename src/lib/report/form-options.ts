import { POLICE_CHOICES, POLICE_LABELS } from './consent';

/** The report form's choices in the words the reporter reads, shared by the form, its check-and-
 * send step and the status page, so the answer shown is the answer given. */
export interface Option {
	value: string;
	label: string;
	hint?: string;
}

export const REPORTER_OPTIONS: Option[] = [
	{ value: 'self', label: 'It happened to me' },
	{
		value: 'outreach',
		label: 'I am an outreach or support worker',
		hint: 'Reporting for someone you support'
	},
	{ value: 'other', label: 'It happened to someone else', hint: 'A friend, partner or colleague' }
];

export const AGREED_OPTIONS: Option[] = [
	{ value: 'yes', label: 'Yes, they agreed' },
	{ value: 'no', label: 'No' },
	{ value: 'not_asked', label: 'I could not ask them' }
];

export const AGE_BAND_OPTIONS: Option[] = [
	{ value: 'under_18', label: 'Under 18' },
	{ value: '18_24', label: '18 to 24' },
	{ value: '25_34', label: '25 to 34' },
	{ value: '35_44', label: '35 to 44' },
	{ value: '45_plus', label: '45 or older' }
];

export const UNDER18_OPTIONS: Option[] = [
	{ value: 'no', label: 'No' },
	{ value: 'yes', label: 'Yes' },
	{ value: 'unsure', label: 'Not sure' }
];

/** Worded for whoever the report is about: the reporter, or the person they report for. */
export const vulnerabilityOptions = (forSomeone: boolean): Option[] => [
	{
		value: 'immigration',
		label: forSomeone
			? 'Worried about their immigration status'
			: 'Worried about immigration status'
	},
	{ value: 'mental_health', label: 'Mental health' },
	{ value: 'substances', label: 'Drugs or alcohol' },
	{ value: 'disability', label: 'Disability' },
	{ value: 'homeless', label: 'No safe place to live' },
	{
		value: 'language',
		label: forSomeone ? 'English is not their first language' : 'English is not my first language'
	}
];

export const WARN_OPTIONS: Option[] = [
	{
		value: 'yes',
		label: 'Yes, warn others',
		hint: 'Nothing that could show who you are is shared.'
	},
	{ value: 'no', label: 'No, do not share it' }
];

export const POLICE_OPTIONS: Option[] = POLICE_CHOICES.map((p) => ({
	value: p,
	...POLICE_LABELS[p]
}));

export const CONTACT_OPTIONS: Option[] = [
	{ value: 'none', label: 'Do not contact me' },
	{ value: 'outreach', label: 'Through my outreach or support worker' },
	{ value: 'phone', label: 'By phone' },
	{ value: 'email', label: 'By e-mail' }
];

export const YES_NO_OPTIONS: Option[] = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' }
];

/** The label of a chosen value, or '' when nothing was chosen. */
export const labelOf = (options: Option[], value: string) =>
	options.find((o) => o.value === value)?.label ?? '';
