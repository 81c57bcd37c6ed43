import type { Sodium } from '../crypto/sodium';
import type { WalletEntry } from '../crypto/wallet';
import {
	fetchStatus,
	startSession,
	type Session,
	type StatusData
} from '../report/browser/status-client';
import type { OpenMessage } from '../report/thread';

/** One wallet entry looked up exactly as the reporter's status page does it: the lookup derived
 * from the code here, sent without a cookie; the thread opened with the code's key pair. */
export type FollowUp =
	| { entry: WalletEntry; missing: true }
	| {
			entry: WalletEntry;
			missing: false;
			session: Session;
			data: StatusData;
			messages: OpenMessage[];
			/** The unit's messages not yet read here (the wallet remembers how many were). */
			unread: number;
	  };

export const fromUnit = (messages: OpenMessage[]) =>
	messages.filter((m) => m.direction === 'to_reporter').length;

export async function followUp(sodium: Sodium, entry: WalletEntry): Promise<FollowUp> {
	const started = startSession(sodium, entry.code);
	if (!started.ok) {
		return { entry, missing: true };
	}
	const found = await fetchStatus(sodium, started.session);
	if (found === 'not_found') {
		return { entry, missing: true };
	}
	return {
		entry,
		missing: false,
		session: started.session,
		data: found.data,
		messages: found.messages,
		unread: Math.max(0, fromUnit(found.messages) - (entry.seen ?? 0))
	};
}
