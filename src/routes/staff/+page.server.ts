import { toBase64url } from '$lib/crypto/encoding';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { findGrant, toMe } from '$lib/server/staff/repository';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const staff = requireStaff(event);
	const grant = await findGrant(await getDb(), staff.id);
	return {
		me: toMe(staff),
		boxPublicKey: toBase64url(new Uint8Array(staff.box_pk)),
		grantedVersion: grant?.version ?? null
	};
}) satisfies PageServerLoad;
