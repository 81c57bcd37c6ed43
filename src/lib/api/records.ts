/** What the audit and deviations pages list (server load to component). */

export interface AuditListItem {
	seq: number;
	at: string;
	actor: string | null;
	actorId: string | null;
	action: string;
	subject: string | null;
	/** The member's username when the subject is a staff id. */
	subjectName: string | null;
	detail: Record<string, unknown>;
}

export interface DeviationListItem {
	id: string;
	at: string;
	author: string;
	reportRef: string | null;
	text: string;
	/** True only when the stored record verifies against its author's signing key. */
	verified: boolean;
}
