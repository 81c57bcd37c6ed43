import type { UnitKeyring } from '../../crypto/keyring';
import { indexUnindexedReports } from './indexer';

/**
 * The tab's background indexing pass (DESIGN §5.6), shared by the unlock and by every queue
 * refresh, so reports that arrive while a reviewer is unlocked are linked without being opened.
 * One pass at a time: a second request while one runs waits for that one rather than fetching and
 * opening the same reports twice.
 */
class LinkPass {
	message = $state('');
	#running: Promise<number> | null = null;

	run(keyring: UnitKeyring): Promise<number> {
		this.#running ??= this.#pass(keyring).finally(() => (this.#running = null));
		return this.#running;
	}

	async #pass(keyring: UnitKeyring): Promise<number> {
		try {
			const n = await indexUnindexedReports(keyring);
			this.message =
				n === 0
					? 'Shared identifiers are up to date.'
					: `Checked ${n} new ${n === 1 ? 'report' : 'reports'} for shared identifiers.`;
			return n;
		} catch {
			this.message = 'Some reports could not be checked for shared identifiers.';
			return 0;
		}
	}
}

export const linkPass = new LinkPass();
