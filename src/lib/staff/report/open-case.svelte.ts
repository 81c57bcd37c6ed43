import type { LinkedReport, CaseFile } from '../../api/case-file';
import type { UnitKeyring } from '../../crypto/keyring';
import { getSodium } from '../../crypto/sodium';
import { fetchAndOpenFile, type FileSlot, type OpenedFile } from './files';
import { blindIndexes, postLinks } from './links';
import {
	fetchCaseFile,
	openCaseMessages,
	openCaseNotes,
	openCaseReport,
	type OpenedItem,
	type OpenedReport
} from './open-case';

interface FileJob {
	idx: number;
	messageId: string | null;
	key: Uint8Array;
	context: 'rptfile1' | 'msgfile1';
}

/**
 * One case opened in this browser: fetch (an audited opening), decrypt the report, notes and
 * messages, open the report's and the reporter's message files, index a report never indexed,
 * and on close revoke every file URL and wipe every key (K and each message key). The case view
 * and the printable evidence view are both views over this, so neither can miss a part.
 */
export class OpenCase {
	file = $state<CaseFile | null>(null);
	opened = $state<OpenedReport | null>(null);
	notes = $state<OpenedItem[]>([]);
	messages = $state<OpenedItem[]>([]);
	reportFiles = $state<FileSlot[]>([]);
	messageFiles = $state<Record<string, FileSlot[]>>({});
	linked = $state<LinkedReport[]>([]);
	indexed = $state(false);
	problem = $state<string | null>(null);
	readonly #urls: string[] = [];
	readonly #keys: Uint8Array[] = [];

	constructor(
		readonly ref: string,
		readonly keyring: UnitKeyring,
		readonly purpose: 'read' | 'evidence'
	) {}

	/** Fetches the case file again and reopens notes and messages (after a note or a reply). */
	async refresh(): Promise<CaseFile> {
		const sodium = await getSodium();
		const next = await fetchCaseFile(this.ref, this.purpose);
		this.notes = openCaseNotes(sodium, this.keyring, next);
		this.messages = openCaseMessages(sodium, this.keyring, next);
		this.#keys.push(...this.messages.flatMap((m) => (m.key ? [m.key] : [])));
		this.file = next;
		return next;
	}

	/** Opens everything; a failure is kept in `problem` for the view to show. */
	open(): void {
		this.#load().catch((e) => {
			this.problem = e instanceof Error ? e.message : 'The report could not be opened.';
		});
	}

	/** Forgets every decrypted file and key this case opened. */
	close(): void {
		this.#urls.forEach((u) => URL.revokeObjectURL(u));
		this.#keys.forEach((k) => k.fill(0));
	}

	async #load() {
		const sodium = await getSodium();
		const first = await this.refresh();
		const result = openCaseReport(sodium, this.keyring, first);
		this.opened = result;
		this.linked = first.linked;
		this.indexed = first.links_indexed_at !== null;
		if (result.state !== 'verified') {
			return;
		}
		this.#keys.push(result.key);
		const meta = (
			result.body as { files?: { name?: unknown; type?: unknown; cleaned?: unknown }[] }
		).files;
		const metaOf = (i: number) => {
			const m = Array.isArray(meta) ? meta[i] : undefined;
			return {
				name: String(m?.name ?? `File ${i + 1}`),
				claimedType: String(m?.type ?? ''),
				notCleaned: m?.cleaned === false
			};
		};
		this.reportFiles = first.attachments.map((a) => ({ ...metaOf(a.idx), file: undefined }));
		const jobs: Promise<unknown>[] = [
			this.#openFiles(
				this.reportFiles,
				first.attachments.map((a) => ({
					idx: a.idx,
					messageId: null,
					key: result.key,
					context: 'rptfile1'
				})),
				(i, f) => (this.reportFiles[i].file = f)
			)
		];
		for (const [n, m] of first.messages.entries()) {
			const openedMessage = this.messages[n];
			if (m.files.length === 0 || !openedMessage?.key) {
				continue;
			}
			const key = openedMessage.key;
			this.messageFiles[m.id] = m.files.map((f) => ({
				name: openedMessage.files[f.idx]?.name ?? `File ${f.idx + 1}`,
				claimedType: openedMessage.files[f.idx]?.type ?? '',
				notCleaned: openedMessage.files[f.idx]?.cleaned === false,
				file: undefined
			}));
			jobs.push(
				this.#openFiles(
					this.messageFiles[m.id],
					m.files.map((f) => ({ idx: f.idx, messageId: m.id, key, context: 'msgfile1' })),
					(i, f) => (this.messageFiles[m.id][i].file = f)
				)
			);
		}
		// DESIGN §5.6: a report never indexed is indexed now, by the first browser to read it.
		if (!this.indexed && this.purpose === 'read') {
			jobs.push(
				postLinks(this.ref, blindIndexes(sodium, this.keyring.linkKey, result.body)).then((l) => {
					this.linked = l;
					this.indexed = true;
				})
			);
		}
		await Promise.all(jobs);
	}

	async #openFiles(
		slots: FileSlot[],
		jobs: FileJob[],
		set: (i: number, f: OpenedFile | null) => void
	) {
		const sodium = await getSodium();
		await Promise.all(
			jobs.map(async (job, i) => {
				try {
					const f = await fetchAndOpenFile(sodium, {
						ref: this.ref,
						idx: job.idx,
						messageId: job.messageId,
						parentKey: job.key,
						context: job.context,
						name: slots[i].name
					});
					this.#urls.push(f.url);
					set(i, f);
				} catch {
					set(i, null);
				}
			})
		);
	}
}
