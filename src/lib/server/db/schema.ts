import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { MemberRole, StaffRole, Team as StaffTeam } from '../../report/vocabulary';

/** The database as the migrations leave it. Timestamps are ISO-8601 UTC text, booleans 0/1,
 * binary values Uint8Array (Buffer on both engines). */
export interface Database {
	settings: SettingTable;
	unit_keys: UnitKeyTable;
	staff: StaffTable;
	keyring_grants: KeyringGrantTable;
	sessions: SessionTable;
	login_backoff: LoginBackoffTable;
	invites: InviteTable;
	reports: ReportTable;
	messages: MessageTable;
	attachments: AttachmentTable;
	notes: NoteTable;
	report_links: ReportLinkTable;
	report_types: ReportTypeTable;
	warnings: WarningTable;
	warning_versions: WarningVersionTable;
	bulletin_sessions: BulletinSessionTable;
	feed_keys: FeedKeyTable;
	deviations: DeviationTable;
	deviation_countersignatures: DeviationCountersignatureTable;
	deviation_citations: DeviationCitationTable;
	alert_outbox: AlertOutboxTable;
	audit_events: AuditEventTable;
	rate_counters: RateCounterTable;
	spent_challenges: SpentChallengeTable;
	partner_orgs: PartnerOrgTable;
	partner_wallets: PartnerWalletTable;
	wallet_key_grants: WalletKeyGrantTable;
}

export interface SettingTable {
	key: string;
	value: string;
}

export interface UnitKeyTable {
	id: string;
	public_key: Uint8Array;
	created_at: string;
	created_by: string | null;
	retired_at: string | null;
}
export type UnitKey = Selectable<UnitKeyTable>;

/** The vocabulary lives with the shared report rules; the table types name it. */
export type { MemberRole, StaffRole, StaffTeam };
export type StaffStatus = 'active' | 'disabled';

export interface StaffTable {
	id: string;
	username: string;
	/** 'partner' only with org_id set (migration 0017): a partner worker, never unit staff. */
	role: MemberRole;
	team: StaffTeam;
	status: StaffStatus;
	kdf_salt: Uint8Array;
	kdf_ops: number;
	kdf_mem: number;
	auth_hash: Uint8Array;
	box_pk: Uint8Array;
	sign_pk: Uint8Array;
	secret_box: Uint8Array;
	secret_nonce: Uint8Array;
	/** Sealed with the server secret: a copied database alone cannot mint login codes. */
	totp_secret: Uint8Array;
	totp_nonce: Uint8Array;
	totp_last_step: Generated<number>;
	created_at: string;
	disabled_at: string | null;
	/** The partner organisation of a partner worker; null for unit staff (migration 0017). */
	org_id: string | null;
}
export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;

export interface KeyringGrantTable {
	staff_id: string;
	version: number;
	sealed_keyring: Uint8Array;
	granted_by: string | null;
	granted_at: string;
	/** The oldest unit key this grant holds, or null for every key (migration 0014). */
	keys_from: string | null;
}
export type KeyringGrant = Selectable<KeyringGrantTable>;

/** Failed sign-ins per username, known or not, keyed by a keyed hash of the name (never the name). */
export interface LoginBackoffTable {
	name_hash: Uint8Array;
	failures: number;
	locked_until: string | null;
	last_failure_at: string;
}

export interface SessionTable {
	id_hash: Uint8Array;
	staff_id: string;
	created_at: string;
	last_seen_at: string;
	expires_at: string;
}
export type Session = Selectable<SessionTable>;

export interface InviteTable {
	token_hash: Uint8Array;
	role: MemberRole;
	team: StaffTeam;
	/** Set on an invite to join a partner organisation (migration 0017). */
	org_id: string | null;
	created_by: string;
	created_at: string;
	expires_at: string;
	used_at: string | null;
	used_by: string | null;
}
export type Invite = Selectable<InviteTable>;

export type SealedBy = 'browser' | 'server';

export interface ReportTable {
	id: string;
	ref: string;
	created_at: string;
	unit_key_id: string;
	envelope_json: string;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	key_for_unit: Uint8Array;
	key_for_reporter: Uint8Array;
	reporter_pk: Uint8Array;
	lookup_hash: Uint8Array;
	sealed_by: SealedBy;
	team: StaffTeam;
	status: string;
	safeguarding: number;
	priority: number;
	grade: number | null;
	assignee_id: string | null;
	outcome: string | null;
	thrive_json: string | null;
	updated_at: string;
	closed_at: string | null;
	withdrawn_at: string | null;
	first_opened_at: string | null;
	/** The reporter's later consent choices (migration 0003); NULL means "as in the envelope". */
	consent_warn: number | null;
	consent_police: string | null;
	consent_changed_at: string | null;
	/** Copied from the envelope on arrival so the queue can filter without parsing JSON (0004). */
	area: string | null;
	police: string | null;
	warn: number | null;
	/** Lower is more urgent: see src/lib/server/triage/rank.ts. */
	queue_rank: Generated<number>;
	/** When a reviewer's browser last posted this report's blind indexes (0005); NULL: never. */
	links_indexed_at: string | null;
	/** Arrival order (0007): created_at is kept only to the hour. */
	seq: Generated<number>;
	/** The safeguarding (MASH) referral of a possible child's report (0012). */
	mash_referred_at: string | null;
	mash_referred_by: string | null;
	/** Copied from the envelope on arrival for the statistics (0011); NULL only if unreadable. */
	under18: string | null;
	reporter: string | null;
	/** When the unit first wrote to the reporter (0011), as first_opened_at marks the first reading. */
	first_reply_at: string | null;
	/** Whole hours from arrival to first opening, first reply and closing (0011): stats/hours.ts. */
	hours_to_open: number | null;
	hours_to_reply: number | null;
	hours_to_close: number | null;
}
export type Report = Selectable<ReportTable>;
export type NewReport = Insertable<ReportTable>;
export type ReportUpdate = Updateable<ReportTable>;

export interface MessageTable {
	id: string;
	report_id: string;
	direction: 'to_reporter' | 'from_reporter';
	author_id: string | null;
	created_at: string;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	key_for_unit: Uint8Array;
	key_for_reporter: Uint8Array;
	read_at: string | null;
	/** Thread order (0007): the reporter's times are kept only to the hour. */
	seq: Generated<number>;
}
export type Message = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;

export interface AttachmentTable {
	id: string;
	report_id: string;
	message_id: string | null;
	idx: number;
	ciphertext: Uint8Array;
	size: number;
}
export type Attachment = Selectable<AttachmentTable>;
export type NewAttachment = Insertable<AttachmentTable>;

export interface NoteTable {
	id: string;
	report_id: string;
	staff_id: string;
	kind: string;
	created_at: string;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	key_for_unit: Uint8Array;
}
export type Note = Selectable<NoteTable>;

export interface ReportLinkTable {
	report_id: string;
	index_value: Uint8Array;
}

export interface ReportTypeTable {
	report_id: string;
	type: string;
	/** The report's arrival time, copied so the statistics count types by period (0011). */
	created_at: string | null;
}

export interface WarningTable {
	id: string;
	report_id: string | null;
	area: string;
	incident_month: string;
	types_json: string;
	title: string;
	body: string;
	identifiers_json: string;
	status: string;
	published_at: string | null;
	published_by: string | null;
	retracted_at: string | null;
	description: Generated<string>;
	version: Generated<number>;
	/** The last day it is shown (YYYY-MM-DD), or null for no expiry. */
	expires_on: string | null;
	created_at: Generated<string>;
	created_by: string | null;
	updated_at: Generated<string>;
	/** Where a warning without a report came from, e.g. "Outreach team phone call". */
	source_note: Generated<string>;
	/** The signed policy-deviation record that allowed publishing against the reporter's wish. */
	deviation_id: string | null;
	retracted_by: string | null;
	/** When the report it came from was deleted by the retention purge (0015); report_id is then null. */
	report_deleted_at: string | null;
}
export type Warning = Selectable<WarningTable>;

/** A published warning's earlier content, saved before each published edit. */
export interface WarningVersionTable {
	warning_id: string;
	version: number;
	saved_at: string;
	saved_by: string | null;
	content_json: string;
}

/** A bulletin reader's reading token, stored only as a hash. */
export interface BulletinSessionTable {
	id_hash: Uint8Array;
	expires_at: string;
}

export interface FeedKeyTable {
	id: string;
	label: string;
	key_hash: Uint8Array;
	created_at: string;
	created_by: string | null;
	last_used_at: string | null;
	revoked_at: string | null;
}
export type FeedKey = Selectable<FeedKeyTable>;

export interface DeviationTable {
	id: string;
	report_id: string | null;
	staff_id: string;
	at: string;
	record_json: string;
	signature: Uint8Array;
	/** The line manager a version 2 record names (a copy of the signed field); null for version 1. */
	line_manager_id: string | null;
}

/** A line manager's signed acknowledgement of one deviation record (at most one per record). */
export interface DeviationCountersignatureTable {
	deviation_id: string;
	staff_id: string;
	at: string;
	/** The canonical text that was signed. */
	body_json: string;
	signature: Uint8Array;
}

/** A deviation record relied on to leave fewer than two key holders; each is cited once. */
export interface DeviationCitationTable {
	deviation_id: string;
	action: string;
	cited_by: string;
	cited_at: string;
}

/** A content-free alert still owed to one channel, or its outcome (0012): counts only. */
export interface AlertOutboxTable {
	id: string;
	kind: 'urgent' | 'digest';
	channel: 'email' | 'webhook';
	counts_json: string;
	created_at: string;
	/** 'dismissed': given up, and an admin has seen it (no longer warned about). */
	status: 'pending' | 'sent' | 'failed' | 'dismissed';
	attempts: Generated<number>;
	next_attempt_at: string;
	/** A short error class (e.g. "smtp_550", "http_500"), never a message that could hold an address. */
	last_error: string | null;
	finished_at: string | null;
}
export type AlertOutbox = Selectable<AlertOutboxTable>;

export interface AuditEventTable {
	seq: number;
	at: string;
	actor_id: string | null;
	action: string;
	subject: string | null;
	detail_json: string;
	prev_hash: Uint8Array;
	hash: Uint8Array;
}
export type AuditEvent = Selectable<AuditEventTable>;

/** A rate-limit window shared by every instance (PostgreSQL deployments; migration 0016). The
 * bucket is the budget's name and a keyed hash of the address bucket, never an address. */
export interface RateCounterTable {
	bucket: string;
	window_start: string;
	count: number;
}

/** A solved proof-of-work challenge, kept until it expires so no instance accepts it twice. */
export interface SpentChallengeTable {
	signature: string;
	expires_at: string;
}

/** A partner organisation (DESIGN §5.8, migration 0017): its name and contact are for the unit's
 * admins; nothing about its reports is kept here. */
export interface PartnerOrgTable {
	id: string;
	name: string;
	contact: string;
	status: StaffStatus;
	created_by: string;
	created_at: string;
	disabled_at: string | null;
}
export type PartnerOrg = Selectable<PartnerOrgTable>;

/** An organisation's code wallet (migration 0018): ciphertext only, under the wallet key W that
 * the server never holds. `revision` is the compare-and-swap counter and is bound into the
 * ciphertext; `key_version` counts wallet keys (a new one whenever a worker leaves). */
export interface PartnerWalletTable {
	org_id: string;
	key_version: number;
	revision: number;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	updated_at: string;
	/** Set when a worker who held W left: the next worker's browser makes a new W. */
	rotation_due: number;
}

/** W sealed to one worker's box key (crypto_box_seal), as the unit keyring is to staff. */
export interface WalletKeyGrantTable {
	staff_id: string;
	org_id: string;
	key_version: number;
	sealed_key: Uint8Array;
	granted_by: string;
	granted_at: string;
}
