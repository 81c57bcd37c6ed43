/** DESIGN §4: consent as the national schemes ask it. `police` is graded, least first. */
export const POLICE_CHOICES = ['none', 'intelligence', 'contact'] as const;
export type PoliceChoice = (typeof POLICE_CHOICES)[number];

export const POLICE_LABELS: Record<PoliceChoice, { label: string; hint: string }> = {
	none: {
		label: 'Keep it to warnings and safety work',
		hint: 'No police record. The team uses it only to keep people safe.'
	},
	intelligence: {
		label: 'Police may use it as anonymous information',
		hint: 'It can help catch this person. Nobody will contact you.'
	},
	contact: {
		label: 'Police may contact me',
		hint: 'Only in the way you choose below.'
	}
};

export const UNDER18_CHOICES = ['no', 'yes', 'unsure'] as const;
export type Under18 = (typeof UNDER18_CHOICES)[number];

export const REPORTER_KINDS = ['self', 'outreach', 'other'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];
