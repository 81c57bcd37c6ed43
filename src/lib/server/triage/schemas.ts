import * as v from 'valibot';
import { base64urlBytes, paddedCiphertext } from '../../report/api';
import { MAX_PADDED_MESSAGE, MESSAGE_PAD_BLOCK, SEALED_KEY_BYTES } from '../../report/limits';
import {
	GRADES,
	OUTCOMES,
	REPORT_STATUSES,
	THRIVE_LEVELS
} from '../../staff/report/triage-options';
import { TEAMS } from '../../report/vocabulary';

/** What the staff browser may send about a report. The server cannot read notes or messages; it
 * checks their shape (exact key and nonce sizes, padded length) and the triage values it stores. */

const paddedMessage = paddedCiphertext(MESSAGE_PAD_BLOCK, MAX_PADDED_MESSAGE);

/** A staff note: sealed to the unit key only (DESIGN §5.3). */
export const SealedNoteSchema = v.strictObject({
	nonce: base64urlBytes(24),
	ciphertext: paddedMessage,
	key_for_unit: base64urlBytes(SEALED_KEY_BYTES)
});
export type SealedNote = v.InferOutput<typeof SealedNoteSchema>;

/** A message to the reporter: sealed to the unit and to the reporter. */
export const SealedMessageSchema = v.strictObject({
	...SealedNoteSchema.entries,
	key_for_reporter: base64urlBytes(SEALED_KEY_BYTES)
});
export type SealedMessage = v.InferOutput<typeof SealedMessageSchema>;

const level = v.picklist(THRIVE_LEVELS, 'Rate each part low, medium or high.');
export const ThriveSchema = v.strictObject({
	threat: level,
	harm: level,
	risk: level,
	investigation: level,
	vulnerability: level,
	engagement: level
});

export const TriageSchema = v.pipe(
	v.strictObject({
		team: v.picklist(TEAMS, 'Choose a team.'),
		status: v.picklist(REPORT_STATUSES, 'Choose a status.'),
		outcome: v.nullable(v.picklist(OUTCOMES, 'Choose an outcome.')),
		// Nobody is null, never "": an empty id would reach the database as a broken reference.
		assignee_id: v.nullable(
			v.pipe(
				v.string(),
				v.minLength(1, 'Choose a member of staff, or nobody.'),
				v.maxLength(64, 'Choose a member of staff, or nobody.')
			)
		),
		grade: v.nullable(v.picklist(GRADES, 'Choose a response grade from 1 to 4.')),
		thrive: v.nullable(ThriveSchema),
		/** The rationale for THRIVE and the grade, as an encrypted note. */
		rationale: v.nullable(SealedNoteSchema),
		/** An automatic message telling the reporter about the new status. */
		reporter_message: v.nullable(SealedMessageSchema)
	}),
	v.forward(
		v.check(
			(t) => t.status !== 'closed' || t.outcome !== null,
			'Choose an outcome before closing the report.'
		),
		['outcome']
	),
	v.forward(
		v.check(
			(t) => t.status === 'closed' || t.outcome === null,
			'An outcome is recorded only when the report is closed.'
		),
		['outcome']
	)
);
export type TriageInput = v.InferOutput<typeof TriageSchema>;

/** Blind indexes (DESIGN §5.6): 16-byte keyed hashes, never the identifiers themselves. */
export const LinksSchema = v.strictObject({
	indexes: v.pipe(
		v.array(base64urlBytes(16)),
		v.maxLength(100, 'At most 100 identifiers per report.'),
		v.check((list) => new Set(list).size === list.length, 'An index is listed twice.')
	)
});
