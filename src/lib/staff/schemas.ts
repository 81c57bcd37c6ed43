import * as v from 'valibot';
import { fromBase64url } from '../crypto/encoding';
import { KDF_MEM, KDF_OPS, KDF_SALT_BYTES } from '../crypto/staff-keys';
import { ROLES, TEAMS } from '../report/vocabulary';

/** Rules shared by the staff pages (which check them first, for a quick answer) and the server
 * (which checks them again, because it cannot trust the browser). */

export const PASSPHRASE_MIN = 12;
export const PASSPHRASE_MAX = 128;
/** zxcvbn score a new passphrase must reach (0–4): "safely unguessable" online and offline. */
export const PASSPHRASE_MIN_SCORE = 3;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;
export const normalizeUsername = (input: string): string => input.trim().toLowerCase();

export const username = v.pipe(
	v.string(),
	v.transform(normalizeUsername),
	v.regex(
		USERNAME_PATTERN,
		'Use 3 to 40 characters: letters, digits, dots, hyphens or underscores, starting with a letter or digit.'
	)
);

export const totpCode = v.pipe(
	v.string(),
	v.transform((s) => s.replace(/\s+/g, '')),
	v.regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.')
);

/** A base64url field decoding to exactly `length` bytes (or between min and max). */
export function bytes(min: number, max = min) {
	return v.pipe(
		v.string(),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			try {
				const decoded = fromBase64url(dataset.value);
				if (decoded.length >= min && decoded.length <= max) {
					return decoded;
				}
			} catch {
				// reported below
			}
			addIssue({
				message: 'The browser sent a malformed key. Please reload the page and try again.'
			});
			return NEVER;
		})
	);
}

/** The argon2id parameters must be at least the protocol's; the server cannot see the passphrase
 * itself, so this is the part of its strength it can enforce. */
const kdfOps = v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(KDF_OPS), v.maxValue(10));
const kdfMem = v.pipe(
	v.string(),
	v.toNumber(),
	v.integer(),
	v.minValue(KDF_MEM),
	v.maxValue(1024 * 1024 * 1024)
);

/** What a browser sends when it has made a member's keys: never the passphrase or kek. */
export const newCredentials = {
	kdf_salt: bytes(KDF_SALT_BYTES),
	kdf_ops: kdfOps,
	kdf_mem: kdfMem,
	auth_key: bytes(32),
	box_pk: bytes(32),
	sign_pk: bytes(32),
	// json {box_sk, sign_sk} in base64url is about 150 bytes, plus the 16-byte tag.
	secret_box: bytes(100, 400),
	secret_nonce: bytes(24)
};

export const enrolmentFields = {
	enrolment: v.pipe(v.string(), v.maxLength(1000)),
	totp_code: totpCode
};

export const SetupForm = v.object({
	setup_code: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the setup code.')),
	username,
	...enrolmentFields,
	...newCredentials,
	// Absent when the unit already has a key and setup restores an admin (accounts.ts).
	unit_pk: v.optional(bytes(32)),
	sealed_keyring: v.optional(bytes(48, 8192))
});

export const OnboardForm = v.object({ username, ...enrolmentFields, ...newCredentials });

export const LoginForm = v.object({ username, auth_key: bytes(32), code: totpCode });

export const SaltRequest = v.object({ username: v.pipe(v.string(), v.maxLength(200)) });

export const InviteForm = v.object({
	role: v.picklist(ROLES, 'Choose a role.'),
	team: v.picklist(TEAMS, 'Choose a team.')
});

export const GrantForm = v.object({
	member_id: v.pipe(v.string(), v.uuid('Unknown member.')),
	compared: v.literal('yes', 'Confirm that you compared the key fingerprint with the member.'),
	version: v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1)),
	sealed_keyring: bytes(48, 8192)
});

export const PassphraseForm = v.object({
	current_auth_key: bytes(32),
	kdf_salt: newCredentials.kdf_salt,
	kdf_ops: kdfOps,
	kdf_mem: kdfMem,
	auth_key: bytes(32),
	secret_box: newCredentials.secret_box,
	secret_nonce: newCredentials.secret_nonce
});

/** A signed policy-deviation record cited to go below two key holders; empty means none. */
const deviationChoice = v.optional(
	v.pipe(
		v.string(),
		v.transform((s) => (s === '' ? null : s)),
		v.nullable(v.pipe(v.string(), v.uuid('Choose one of your policy-deviation records.')))
	),
	''
);

export const RemoveGrantForm = v.object({
	member_id: v.pipe(v.string(), v.uuid('Unknown member.')),
	deviation_id: deviationChoice
});

/** A rotation as the admin's browser posts it: the new public key, the new keyring sealed to each
 * member who keeps access, and who is left out on purpose. Lists travel as JSON fields. */
const RotationGrant = v.object({
	staff_id: v.pipe(v.string(), v.uuid('Unknown member.')),
	sealed_keyring: bytes(48, 16384),
	scope: v.picklist(['all', 'new'])
});
const jsonField = <S extends v.GenericSchema>(schema: S) =>
	v.pipe(
		v.string(),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			try {
				return JSON.parse(dataset.value) as unknown;
			} catch {
				addIssue({ message: 'The browser sent a malformed list. Please reload the page.' });
				return NEVER;
			}
		}),
		schema
	);
export const rotationFields = {
	version: v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(2)),
	unit_pk: bytes(32),
	grants: jsonField(v.pipe(v.array(RotationGrant), v.minLength(1), v.maxLength(200))),
	removed: jsonField(
		v.pipe(v.array(v.pipe(v.string(), v.uuid('Unknown member.'))), v.maxLength(200))
	)
};

export const RotateForm = v.object({ ...rotationFields, deviation_id: deviationChoice });

export const DisableForm = v.object({
	member_id: v.pipe(v.string(), v.uuid('Unknown member.')),
	deviation_id: deviationChoice,
	rotate: v.optional(v.picklist(['yes', 'no']), 'no'),
	version: v.optional(rotationFields.version),
	unit_pk: v.optional(rotationFields.unit_pk),
	grants: v.optional(rotationFields.grants),
	removed: v.optional(rotationFields.removed)
});

/** Unit key ids as a recovery kit lists them, sent comma-separated (they are base64url). */
const unitKeyIds = v.pipe(
	v.string(),
	v.maxLength(30_000),
	v.transform((s) => s.split(',').filter((id) => id !== '')),
	v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, 'The kit lists a malformed key id.'))),
	v.minLength(1, 'The kit lists no unit key.')
);
const keyringVersion = v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1));

export const KitExportForm = v.object({ version: keyringVersion, key_ids: unitKeyIds });

export const KitImportForm = v.object({
	version: keyringVersion,
	key_ids: unitKeyIds,
	sealed_keyring: bytes(48, 65536),
	issued_at: v.pipe(v.string(), v.isoTimestamp('The proof of the unit key is malformed.')),
	proof: bytes(32)
});
