/** reports.status values, as the staff set them, and the words the reporter sees. */
export const REPORT_STATUSES = [
	'new',
	'in_review',
	'awaiting_reporter',
	'referred',
	'actioned',
	'closed'
] as const;

const LABELS: Record<string, { label: string; explain: string }> = {
	new: {
		label: 'Received',
		explain: 'Your report has arrived safely. The team will look at it soon.'
	},
	in_review: {
		label: 'Being looked at',
		explain: 'Someone in the team is working on your report.'
	},
	awaiting_reporter: {
		label: 'Waiting for your reply',
		explain: 'The team has asked you something. Please read their message below.'
	},
	referred: {
		label: 'Passed on',
		explain: 'Your report has been passed to the right team or service.'
	},
	actioned: { label: 'Action taken', explain: 'The team has acted on your report.' },
	closed: { label: 'Closed', explain: 'The team has finished working on this report.' },
	withdrawn: {
		label: 'Withdrawn',
		explain: 'You withdrew this report. The team will not act on it any more.'
	}
};

export function statusInWords(status: string, withdrawnAt: string | null) {
	return LABELS[withdrawnAt ? 'withdrawn' : status] ?? LABELS.new;
}
