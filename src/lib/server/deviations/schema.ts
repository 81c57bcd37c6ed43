import * as v from 'valibot';
import { ed25519Signature } from '../audit/schema';
import { REPORT_REF_PATTERN } from '../../report/vocabulary';

/** A rationale long enough to say what was decided and why; short enough to stay a record. */
export const DEVIATION_TEXT_MIN = 20;
export const DEVIATION_TEXT_MAX = 8000;
/** A line manager's comment on a record they acknowledge: a few sentences, not a second record. */
export const COUNTERSIGN_COMMENT_MAX = 1000;

export const reportRef = v.pipe(
	v.string(),
	v.regex(REPORT_REF_PATTERN, 'A report reference looks like SR-7K3M-9QX2.')
);

const staffId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

const recordFields = {
	kind: v.literal('policy_deviation'),
	staff_id: staffId,
	at: v.pipe(v.string(), v.isoTimestamp('The record has no valid date.')),
	report_ref: v.nullable(reportRef),
	text: v.pipe(
		v.string(),
		v.check(
			(text) => text.trim().length >= DEVIATION_TEXT_MIN,
			`Write at least ${DEVIATION_TEXT_MIN} characters: what you decided and why.`
		),
		v.maxLength(DEVIATION_TEXT_MAX, `Keep it under ${DEVIATION_TEXT_MAX} characters.`)
	)
};

/** Exactly the fields of DESIGN §5.7, nothing more: the stored JSON is what was signed. Version 1
 * names no line manager; version 2 (what the staff page makes) names one, as part of what is
 * signed. Both are accepted and both verify. */
export const DeviationRecordSchema = v.variant('v', [
	v.strictObject({ v: v.literal(1), ...recordFields }),
	v.strictObject({
		v: v.literal(2),
		...recordFields,
		line_manager_id: v.pipe(staffId, v.minLength(1, 'Choose your line manager.'))
	})
]);

/** What the browser sends: the record and its detached Ed25519 signature. */
export const DeviationSubmission = v.object({
	record: DeviationRecordSchema,
	signature: ed25519Signature
});

/** The same, as form fields: the record travels as JSON text. */
export const DeviationForm = v.object({
	record: v.pipe(
		v.string(),
		v.maxLength(4 * DEVIATION_TEXT_MAX),
		v.parseJson(undefined, 'The record is malformed. Reload the page and try again.'),
		DeviationRecordSchema
	),
	signature: ed25519Signature
});

/** A line manager's acknowledgement (src/lib/crypto/signed-record.ts), exactly these fields. */
export const CountersignatureSchema = v.strictObject({
	v: v.literal(1),
	kind: v.literal('deviation_countersignature'),
	deviation_id: v.pipe(v.string(), v.uuid()),
	record_hash: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'The record hash is malformed.')),
	staff_id: staffId,
	at: v.pipe(v.string(), v.isoTimestamp('The acknowledgement has no valid date.')),
	comment: v.pipe(
		v.string(),
		v.maxLength(
			COUNTERSIGN_COMMENT_MAX,
			`Keep the comment under ${COUNTERSIGN_COMMENT_MAX} characters.`
		)
	)
});

/** The countersigning form: the body as JSON text and its detached signature. */
export const CountersignForm = v.object({
	body: v.pipe(
		v.string(),
		v.maxLength(4 * COUNTERSIGN_COMMENT_MAX + 1000),
		v.parseJson(undefined, 'The acknowledgement is malformed. Reload the page and try again.'),
		CountersignatureSchema
	),
	signature: ed25519Signature
});
