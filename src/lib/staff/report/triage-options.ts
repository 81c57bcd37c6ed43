import { REPORT_STATUSES } from '../../report/status-labels';

/** Triage vocabulary shared by the staff pages and the server's validation. */
export { REPORT_STATUSES };
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus | 'withdrawn', string> = {
	new: 'New',
	in_review: 'In review',
	awaiting_reporter: 'Awaiting reporter',
	referred: 'Referred',
	actioned: 'Actioned',
	closed: 'Closed',
	withdrawn: 'Withdrawn by reporter'
};

export const OUTCOMES = [
	'intelligence_recorded',
	'crime_recorded',
	'investigation',
	'charged',
	'nfa',
	'referred_partner',
	'duplicate',
	'withdrawn'
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
	intelligence_recorded: 'Intelligence recorded',
	crime_recorded: 'Crime recorded',
	investigation: 'Investigation',
	charged: 'Charged',
	nfa: 'No further action',
	referred_partner: 'Referred to partner agency',
	duplicate: 'Duplicate',
	withdrawn: 'Withdrawn'
};

/** THRIVE: the College of Policing's risk assessment, each part rated low, medium or high. */
export const THRIVE_PARTS = [
	'threat',
	'harm',
	'risk',
	'investigation',
	'vulnerability',
	'engagement'
] as const;
export type ThrivePart = (typeof THRIVE_PARTS)[number];
export const THRIVE_LEVELS = ['low', 'medium', 'high'] as const;
export type ThriveLevel = (typeof THRIVE_LEVELS)[number];
export type Thrive = Record<ThrivePart, ThriveLevel>;

export const THRIVE_LABELS: Record<ThrivePart, string> = {
	threat: 'Threat',
	harm: 'Harm',
	risk: 'Risk',
	investigation: 'Investigation',
	vulnerability: 'Vulnerability',
	engagement: 'Engagement'
};

/** Response grades: 1 emergency … 4 scheduled. */
export const GRADES = [1, 2, 3, 4] as const;
export const GRADE_LABELS: Record<number, string> = {
	1: '1 – Emergency',
	2: '2 – Priority',
	3: '3 – Standard',
	4: '4 – Scheduled'
};

/** The short automatic message a status change may send the reporter (sealed in the browser). */
export const STATUS_MESSAGES: Partial<Record<ReportStatus, string>> = {
	in_review: 'Your report is now being looked at.',
	awaiting_reporter:
		'We have a question for you. Please read our message and reply when it is safe.',
	referred: 'Your report has been passed to the right team or service.',
	actioned: 'We have acted on your report. Thank you for telling us.',
	closed: 'We have finished working on your report. Thank you for telling us.'
};
