/** What GET /partner/api/wallet answers: ciphertext and counters, the signed-in worker's sealed
 * copy of the wallet key (null until a colleague gives it), and the colleagues whose keys the
 * browser may seal to. Binary values are base64url. */
export interface WalletState {
	org_id: string;
	wallet: {
		key_version: number;
		revision: number;
		nonce: string;
		ciphertext: string;
		rotation_due: boolean;
	} | null;
	sealed_key: string | null;
	colleagues: { id: string; username: string; box_pk: string; has_key: boolean }[];
}

/** The signed-in partner worker as partner pages see them. */
export interface PartnerMe {
	id: string;
	username: string;
	org: { id: string; name: string };
}
