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
	acknowledgement: DeviationAcknowledgement;
}

/** A deviation record's acknowledgement by the line manager it names. */
export type DeviationAcknowledgement =
	/** A version 1 record names no line manager. */
	| { state: 'none' }
	| { state: 'waiting'; lineManager: string }
	| {
			state: 'acknowledged';
			by: string;
			at: string;
			comment: string;
			/** True only when the countersignature verifies against the line manager's key. */
			verified: boolean;
	  };

/** A record waiting for the signed-in member's acknowledgement (staff home page). */
export interface AwaitingAcknowledgement {
	id: string;
	at: string;
	author: string;
}
