import { toBase64url, utf8 } from '../../crypto/encoding';
import type { Sodium } from '../../crypto/sodium';
import { identifiersOf } from '../../report/normalize';
import type { LinkedReport } from '../../api/case-file';

/** DESIGN §5.6: crypto_generichash(16, kind + ":" + value, link_key) for each normalized
 * identifier. Only these keyed hashes leave the browser. */
export const blindIndexes = (sodium: Sodium, linkKey: Uint8Array, body: unknown): string[] =>
	identifiersOf(body).map((id) =>
		toBase64url(sodium.crypto_generichash(16, utf8(id.kind + ':' + id.value), linkKey))
	);

export async function postLinks(ref: string, indexes: string[]): Promise<LinkedReport[]> {
	const res = await fetch(`/api/v1/staff/reports/${encodeURIComponent(ref)}/links`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ indexes })
	});
	if (!res.ok) {
		throw new Error('The report could not be linked.');
	}
	return ((await res.json()) as { linked: LinkedReport[] }).linked;
}
