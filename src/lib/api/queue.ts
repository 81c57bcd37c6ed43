/** One row of the triage queue, as the queue page's load returns it. */
export interface QueueRow {
	id: string;
	ref: string;
	createdAt: string;
	types: string[];
	area: string | null;
	team: string;
	status: string;
	safeguarding: boolean;
	grade: number | null;
	assignee: string | null;
	linkedReports: number;
	unreadMessages: number;
	sealedBy: string;
}
