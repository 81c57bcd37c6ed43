import { getSodium } from '../crypto/sodium';
import { withoutEntry, withSeen } from '../crypto/wallet';
import { followUp, fromUnit, type FollowUp } from './follow-up';
import {
	changeWallet,
	giveKey,
	loadWallet,
	rotateWalletKey,
	type MemberBoxKeys,
	type OpenedWallet,
	type WalletView
} from './wallet-client';

/**
 * The wallet page's state: open the wallet, make a new key if a worker left, look up every report
 * through the public status API, and keep what the worker has read. The page and its components
 * are views over this.
 */
export class WalletHome {
	view: WalletView | null = $state(null);
	rows: FollowUp[] = $state([]);
	loading = $state(true);
	problem = $state<string | null>(null);
	notice = $state<string | null>(null);

	constructor(private readonly keys: MemberBoxKeys) {}

	get opened(): OpenedWallet | null {
		return this.view && !('waiting' in this.view) ? this.view : null;
	}

	async load() {
		this.loading = true;
		this.problem = null;
		try {
			const sodium = await getSodium();
			let view = await loadWallet(sodium, this.keys);
			if (!('waiting' in view) && view.rotationDue) {
				// A worker left: this browser makes the new key, as any remaining worker's would.
				view = await rotateWalletKey(sodium, this.keys);
				this.notice =
					'A colleague left, so the wallet now has a new key. Only current workers hold it.';
			}
			this.view = view;
			this.rows =
				'waiting' in view
					? []
					: await Promise.all(view.wallet.entries.map((e) => followUp(sodium, e)));
		} catch (e) {
			this.problem = e instanceof Error ? e.message : 'The wallet could not be opened.';
		} finally {
			this.loading = false;
		}
	}

	/** Remembers, in the wallet, that the unit's messages so far have been read. */
	async markRead(row: FollowUp) {
		if (row.missing || row.unread === 0) {
			return;
		}
		const seen = fromUnit(row.messages);
		this.view = await changeWallet(await getSodium(), this.keys, (w) =>
			withSeen(w, row.entry.code, seen)
		);
		this.rows = this.rows.map((r) =>
			r.entry.code === row.entry.code && !r.missing
				? { ...r, unread: 0, entry: { ...r.entry, seen } }
				: r
		);
	}

	/** Looks one report up again (after a reply), keeping it read. */
	async refresh(code: string) {
		const row = this.rows.find((r) => r.entry.code === code);
		if (!row) {
			return;
		}
		const next = await followUp(await getSodium(), row.entry);
		this.rows = this.rows.map((r) => (r.entry.code === code ? next : r));
		await this.markRead(next);
	}

	async remove(code: string) {
		this.view = await changeWallet(await getSodium(), this.keys, (w) => withoutEntry(w, code));
		this.rows = this.rows.filter((r) => r.entry.code !== code);
		this.notice = 'The report was removed from the wallet. The report itself is not changed.';
	}

	async give(colleague: { id: string; username: string; box_pk: string }) {
		const opened = this.opened;
		if (!opened) {
			return;
		}
		await giveKey(await getSodium(), opened, colleague);
		this.view = {
			...opened,
			colleagues: opened.colleagues.map((c) =>
				c.id === colleague.id ? { ...c, has_key: true } : c
			)
		};
		this.notice = `${colleague.username} now holds the wallet key.`;
	}
}
