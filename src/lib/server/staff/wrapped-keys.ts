import { toBase64url } from '../../crypto/encoding';
import type { KeyringGrant, Staff } from '../db/schema';
import type { WrappedKeys } from '../../api/staff';

/** A member's wrapped secret keys (useless without the passphrase) and sealed keyring, if any:
 * one shape for staff and partner workers, who never hold a keyring. */
export function wrappedKeysOf(member: Staff, grant: KeyringGrant | null | undefined): WrappedKeys {
	const b64 = (bytes: Uint8Array) => toBase64url(new Uint8Array(bytes));
	return {
		staff_id: member.id,
		kdf: { salt: b64(member.kdf_salt), ops: member.kdf_ops, mem: member.kdf_mem },
		box_pk: b64(member.box_pk),
		sign_pk: b64(member.sign_pk),
		secret_box: b64(member.secret_box),
		secret_nonce: b64(member.secret_nonce),
		keyring: grant ? { version: grant.version, sealed: b64(grant.sealed_keyring) } : null
	};
}
