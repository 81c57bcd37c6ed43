import { m } from '$lib/paraglide/messages';
import { STATUS_MESSAGES, type ReportStatus } from '$lib/staff/report/triage-options';

/** A report's status in the reporter's language, chosen by its stable code (reports.status, or
 * 'withdrawn'); the server's English words are only the fallback for a code unknown here. */
const WORDS: Record<string, () => { label: string; explain: string }> = {
	new: () => ({ label: m.status_new_label(), explain: m.status_new_explain() }),
	in_review: () => ({ label: m.status_in_review_label(), explain: m.status_in_review_explain() }),
	awaiting_reporter: () => ({
		label: m.status_awaiting_reporter_label(),
		explain: m.status_awaiting_reporter_explain()
	}),
	referred: () => ({ label: m.status_referred_label(), explain: m.status_referred_explain() }),
	actioned: () => ({ label: m.status_actioned_label(), explain: m.status_actioned_explain() }),
	closed: () => ({ label: m.status_closed_label(), explain: m.status_closed_explain() }),
	withdrawn: () => ({ label: m.status_withdrawn_label(), explain: m.status_withdrawn_explain() })
};

export function statusWords(
	status: string | undefined,
	fallback: { label: string; explain: string }
): { label: string; explain: string } {
	return (status && WORDS[status]?.()) || fallback;
}

const AUTOMATIC: Partial<Record<ReportStatus, () => string>> = {
	in_review: m.auto_in_review,
	awaiting_reporter: m.auto_awaiting_reporter,
	referred: m.auto_referred,
	actioned: m.auto_actioned,
	closed: m.auto_closed
};

/** The unit's automatic status messages are sealed as the fixed English sentence of their status
 * (STATUS_MESSAGES); the reporter reads the same message in their language. Anything a person
 * wrote is shown exactly as written. */
export function automaticMessageText(text: string): string {
	for (const [status, english] of Object.entries(STATUS_MESSAGES)) {
		if (english === text) {
			return AUTOMATIC[status as ReportStatus]?.() ?? text;
		}
	}
	return text;
}
