import * as v from 'valibot';
import { fromBase64url } from '../../crypto/encoding';

const isoDate = v.pipe(v.string(), v.isoDate('Use a date like 2026-11-30.'));
const optional = <S extends v.GenericSchema<string, unknown>>(schema: S) =>
	v.optional(v.union([v.literal(''), schema]), '');

/** The audit page's filters, read from the query string. Anything else is a 400. */
export const AuditQuery = v.object({
	actor: optional(v.pipe(v.string(), v.maxLength(64))),
	action: optional(v.pipe(v.string(), v.regex(/^[a-z_]+(\.[a-z_]+)*$/, 'Unknown action.'))),
	report: optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
	from: optional(isoDate),
	to: optional(isoDate),
	before: optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,14}$/, 'Bad page.')))
});

/** A detached Ed25519 signature (64 bytes, base64url), decoded: every signed record's. */
export const ed25519Signature = v.pipe(
	v.string(),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		try {
			const decoded = fromBase64url(dataset.value);
			if (decoded.length === 64) {
				return decoded;
			}
		} catch {
			// reported below
		}
		addIssue({ message: 'The signature is malformed. Reload the page and try again.' });
		return NEVER;
	})
);

export const CheckpointBodySchema = v.strictObject({
	v: v.literal(1),
	kind: v.literal('audit_checkpoint'),
	staff_id: v.pipe(v.string(), v.maxLength(64)),
	at: v.pipe(v.string(), v.isoTimestamp()),
	head_seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
	head_hash: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/))
});

/** The checkpoint form: the body as JSON text and its detached signature. */
export const CheckpointForm = v.object({
	body: v.pipe(
		v.string(),
		v.maxLength(2000),
		v.parseJson(undefined, 'The checkpoint is malformed. Reload the page.'),
		CheckpointBodySchema
	),
	signature: ed25519Signature
});
