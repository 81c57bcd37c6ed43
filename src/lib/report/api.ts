import * as v from 'valibot';
import { base64urlLength } from '../crypto/encoding';
import { POLICE_CHOICES } from './consent';
import { EnvelopeSchema } from './envelope';
import {
	AEAD_TAG,
	MAX_FILES,
	MAX_PADDED_MESSAGE,
	MAX_PADDED_REPORT,
	MESSAGE_PAD_BLOCK,
	REPORT_PAD_BLOCK,
	SEALED_KEY_BYTES
} from './limits';

/** JSON API v1 payloads (DESIGN §6). Binary values are base64url without padding; each is
 * checked for its exact decoded length before anything touches the database. */

const decodedLength = base64urlLength;

const encodedLength = (bytes: number) => Math.ceil((bytes * 4) / 3);

export const base64urlBytes = (bytes: number) =>
	v.pipe(
		v.string('Expected a base64url string.'),
		v.maxLength(encodedLength(bytes), `Expected ${bytes} bytes of base64url.`),
		v.check((s) => decodedLength(s) === bytes, `Expected ${bytes} bytes of base64url.`)
	);

/** An AEAD ciphertext over a body padded to `block`-byte blocks, at most `max` bytes padded. */
export const paddedCiphertext = (block: number, max: number) =>
	v.pipe(
		v.string('Expected a base64url string.'),
		v.maxLength(encodedLength(max + AEAD_TAG), `The encrypted body may not pass ${max} bytes.`),
		v.check((s) => {
			const n = decodedLength(s);
			return n !== null && n >= block + AEAD_TAG && (n - AEAD_TAG) % block === 0;
		}, `Expected a ciphertext of a body padded to ${block}-byte blocks.`)
	);

/** base64url(generichash(16, public key)): 22 characters. */
export const UnitKeyIdSchema = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9_-]{22}$/, 'Unknown unit key id.')
);

export const ReportPayloadSchema = v.strictObject({
	v: v.literal(1),
	unit_key_id: UnitKeyIdSchema,
	envelope: EnvelopeSchema,
	nonce: base64urlBytes(24),
	ciphertext: paddedCiphertext(REPORT_PAD_BLOCK, MAX_PADDED_REPORT),
	key_for_unit: base64urlBytes(SEALED_KEY_BYTES),
	key_for_reporter: base64urlBytes(SEALED_KEY_BYTES),
	reporter_pk: base64urlBytes(32),
	lookup_hash: base64urlBytes(32)
});
export type ReportPayload = v.InferOutput<typeof ReportPayloadSchema>;

const Lookup = base64urlBytes(32);

export const StatusRequestSchema = v.strictObject({ lookup: Lookup });

export const MessagePayloadSchema = v.strictObject({
	lookup: Lookup,
	nonce: base64urlBytes(24),
	ciphertext: paddedCiphertext(MESSAGE_PAD_BLOCK, MAX_PADDED_MESSAGE),
	key_for_unit: base64urlBytes(SEALED_KEY_BYTES),
	key_for_reporter: base64urlBytes(SEALED_KEY_BYTES),
	attachments: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_FILES))
});
export type MessagePayload = v.InferOutput<typeof MessagePayloadSchema>;

export const ConsentRequestSchema = v.strictObject({
	lookup: Lookup,
	warn: v.boolean(),
	police: v.picklist(POLICE_CHOICES)
});

export const WithdrawRequestSchema = v.strictObject({ lookup: Lookup });

/** The dotted path of a valibot issue, for `error.field`. */
export const issueField = (issue: v.BaseIssue<unknown>): string | undefined =>
	issue.path?.map((p) => String(p.key)).join('.') || undefined;
