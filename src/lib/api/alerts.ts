/** What an admin's staff home shows when alerts are not getting through (null: all is well). */
export interface AlertWarningState {
	retrying: number;
	failed: number;
}

/** One delivery in trouble, as the alert settings page lists it. */
export interface AlertProblem {
	id: string;
	kind: 'urgent' | 'digest';
	channel: 'email' | 'webhook';
	status: 'pending' | 'sent' | 'failed' | 'dismissed';
	attempts: number;
	next_attempt_at: string;
	last_error: string | null;
	finished_at: string | null;
}
