/** What GET /api/v1/staff/reports/[ref] returns: ciphertext and the fields the server may read. */
export interface SealedFile {
	idx: number;
	size: number;
}

export interface CaseFileMessage {
	id: string;
	direction: 'to_reporter' | 'from_reporter';
	created_at: string;
	/** The staff member who wrote it (to_reporter), null for the reporter's messages. */
	author: string | null;
	read_at: string | null;
	nonce: string;
	ciphertext: string;
	key_for_unit: string;
	files: SealedFile[];
}

export interface CaseFileNote {
	id: string;
	kind: string;
	created_at: string;
	author: string;
	nonce: string;
	ciphertext: string;
	key_for_unit: string;
}

export interface LinkedReport {
	ref: string;
	team: string;
	status: string;
}

export interface CaseFile {
	ref: string;
	created_at: string;
	updated_at: string;
	unit_key_id: string;
	/** Exactly as stored: the browser checks it against the ciphertext's associated data. */
	envelope_json: string;
	nonce: string;
	ciphertext: string;
	key_for_unit: string;
	reporter_pk: string;
	sealed_by: string;
	triage: {
		team: string;
		status: string;
		withdrawn: boolean;
		outcome: string | null;
		assignee_id: string | null;
		grade: number | null;
		thrive: Record<string, string> | null;
		safeguarding: boolean;
		first_opened_at: string | null;
		closed_at: string | null;
	};
	consent: { warn: boolean; police: string | null };
	links_indexed_at: string | null;
	linked: LinkedReport[];
	/** Other reports not indexed yet, so not compared with this one. */
	unchecked_reports: number;
	attachments: SealedFile[];
	messages: CaseFileMessage[];
	notes: CaseFileNote[];
}
