import * as v from 'valibot';
import { bytes } from '../staff/schemas';
import { WALLET_PAD_BLOCK } from '../crypto/wallet';

/** Rules shared by the partner pages and the server, which checks them again. */

export const RegisterOrgForm = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, 'Enter the organisation’s name.'),
		v.maxLength(120, 'Use at most 120 characters.')
	),
	contact: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(3, 'Enter a contact: a name with a phone number or e-mail address.'),
		v.maxLength(300, 'Use at most 300 characters.')
	)
});

export const OrgIdForm = v.object({
	org_id: v.pipe(v.string(), v.uuid('Choose an organisation.'))
});
export const WorkerIdForm = v.object({ staff_id: v.pipe(v.string(), v.uuid('Choose a worker.')) });

/** A wallet holds a few hundred entries at most; the cap keeps one save small. */
export const MAX_WALLET_BYTES = 256 * WALLET_PAD_BLOCK;
const counter = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000_000));
/** crypto_box_seal of 32 bytes: 32 + 48. */
const sealedKey = bytes(80);

const sealedWallet = {
	key_version: counter,
	revision: counter,
	nonce: bytes(24),
	ciphertext: bytes(WALLET_PAD_BLOCK + 16, MAX_WALLET_BYTES + 16)
};

export const SealedWalletSchema = v.object(sealedWallet);
export type SealedWalletInput = v.InferOutput<typeof SealedWalletSchema>;

export const NewWalletSchema = v.object({ ...sealedWallet, sealed_key: sealedKey });

export const WalletGrantSchema = v.object({
	key_version: counter,
	staff_id: v.pipe(v.string(), v.uuid()),
	sealed_key: sealedKey
});
export type WalletGrantInput = v.InferOutput<typeof WalletGrantSchema>;

export const WalletRotationSchema = v.object({
	...sealedWallet,
	grants: v.pipe(
		v.array(v.object({ staff_id: v.pipe(v.string(), v.uuid()), sealed_key: sealedKey })),
		v.minLength(1),
		v.maxLength(500)
	)
});
export type WalletRotationInput = v.InferOutput<typeof WalletRotationSchema>;
