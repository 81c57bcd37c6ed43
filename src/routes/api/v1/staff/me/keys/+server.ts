import { json } from '@sveltejs/kit';
import { toBase64url } from '$lib/crypto/encoding';
import { staffEndpoint } from '$lib/server/api/endpoint';
import { getDb } from '$lib/server/db';
import { findGrant } from '$lib/server/staff/repository';
import type { WrappedKeys } from '$lib/api/staff';
import type { RequestHandler } from './$types';

/** The signed-in member's wrapped secret keys and sealed keyring: useless without the passphrase. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, [], async (staff) => {
		const grant = await findGrant(await getDb(), staff.id);
		const b64 = (bytes: Uint8Array) => toBase64url(new Uint8Array(bytes));
		const body: WrappedKeys = {
			staff_id: staff.id,
			kdf: { salt: b64(staff.kdf_salt), ops: staff.kdf_ops, mem: staff.kdf_mem },
			box_pk: b64(staff.box_pk),
			sign_pk: b64(staff.sign_pk),
			secret_box: b64(staff.secret_box),
			secret_nonce: b64(staff.secret_nonce),
			keyring: grant ? { version: grant.version, sealed: b64(grant.sealed_keyring) } : null
		};
		return json(body);
	});
