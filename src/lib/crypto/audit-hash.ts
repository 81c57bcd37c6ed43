import type { Sodium } from './sodium';
import { canonical, concatBytes, utf8 } from './encoding';

/** One link of the audit chain as it is hashed (DESIGN §5.7). */
export interface AuditEventBody {
	seq: number;
	at: string;
	actor_id: string | null;
	action: string;
	subject: string | null;
	detail: Record<string, unknown>;
}

export const AUDIT_GENESIS = new Uint8Array(32);

/** hash = generichash(32, prev_hash || utf8(canonical(event))) */
export const auditHash = (sodium: Sodium, prevHash: Uint8Array, event: AuditEventBody) =>
	sodium.crypto_generichash(32, concatBytes(prevHash, utf8(canonical(event))), null);
