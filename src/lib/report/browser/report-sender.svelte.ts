import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { reporterErrorText } from '$lib/i18n/api-errors';
import { apiErrorFrom } from '../../api/client';
import type { UnitKeyInfo } from '../../api/unit-key';
import { fromBase64url } from '../../crypto/encoding';
import type { Sodium } from '../../crypto/sodium';
import { DEFAULT_AREAS, type AreaEntry } from '../areas';
import { parseDraft, type FormErrors, type ReportDraft } from '../form';
import { loadSodium } from './capabilities';
import { browserCleaningMark, cleanImage, ImageCleanError } from './images';
import { solveProofOfWork, type ProofOfWork } from './pow';
import { reportRequestBody, ReportTooLong, sealInBrowser } from './seal-report';

/** What the sender reaches outside itself; a test passes its own. */
export interface ReportSenderDeps {
	loadSodium: () => Promise<Sodium | undefined>;
	solveProofOfWork: () => Promise<ProofOfWork>;
	cleanImage: (file: File) => Promise<File>;
	fetch: typeof fetch;
}

const inBrowser: ReportSenderDeps = {
	loadSodium,
	solveProofOfWork,
	cleanImage,
	fetch: (input, init) => fetch(input, init)
};

/** How a sealed send ended: the code to show, or the errors to show. */
export type SendOutcome = { sent: { code: string; mode: 'browser' } } | { errors: FormErrors };

/**
 * Sending one report from this browser: load libsodium (or fall back to the no-JavaScript post
 * when WebAssembly is missing), solve the proof of work ahead of time, clean the photos, seal,
 * send, and ask for one fresh challenge when the server says the proof was spent or expired. The
 * report page is a view over this: it keeps the steps and shows `progress` and the outcome.
 */
export class ReportSender {
	mode = $state<'browser' | 'server'>('server');
	sending = $state(false);
	progress = $state('');
	/** The live area list the page was given; the server checks the area again on arrival. */
	areas: readonly AreaEntry[] = DEFAULT_AREAS;
	#sodium: Sodium | undefined;
	#proof: Promise<ProofOfWork> | undefined;

	#unitKey: UnitKeyInfo | null | undefined;

	constructor(
		unitKey: UnitKeyInfo | null | undefined,
		private readonly deps: ReportSenderDeps = inBrowser
	) {
		this.#unitKey = unitKey;
	}

	/** The unit key as published now, or null if it cannot be fetched. */
	async #freshKey(): Promise<UnitKeyInfo | null> {
		const res = await this.deps
			.fetch('/api/v1/unit-key', { headers: { accept: 'application/json' } })
			.catch(() => null);
		if (!res?.ok) {
			return null;
		}
		const key = (await res.json().catch(() => null)) as UnitKeyInfo | null;
		return key && typeof key.id === 'string' && typeof key.public_key === 'string' ? key : null;
	}

	/** True when the report is sealed here; false when the form itself goes to the server. */
	get seals(): boolean {
		return this.mode === 'browser' && this.#sodium !== undefined;
	}

	/** libsodium loads here, on the form, never on the home page. Without WebAssembly the report
	 * goes the no-JavaScript way, and the page says so before anything is sent. */
	async prepare(): Promise<void> {
		this.#sodium = await this.deps.loadSodium();
		this.mode = this.#sodium ? 'browser' : 'server';
		if (this.#sodium) {
			this.#startProofOfWork();
		}
	}

	#startProofOfWork() {
		this.#proof = this.deps.solveProofOfWork();
		this.#proof.catch(() => undefined);
	}

	/** Starts a send by redrawing the photos; a photo that cannot be read ends it with an error. */
	async clean(files: File[]): Promise<{ files: File[] } | { errors: FormErrors }> {
		this.sending = true;
		try {
			this.progress = files.length > 0 ? m.sender_cleaning() : '';
			return { files: await Promise.all(files.map((f) => this.deps.cleanImage(f))) };
		} catch (err) {
			this.sending = false;
			return {
				errors: {
					files: err instanceof ImageCleanError ? err.message : m.err_file_unreadable()
				}
			};
		}
	}

	/** The cleaned form is on its way to the server (no WebAssembly). */
	postingForm(): void {
		this.progress = m.sender_sending();
	}

	/** The send is over, whichever way it went. */
	done(): void {
		this.sending = false;
		this.progress = '';
	}

	/** Seals the report and its cleaned files here and sends them: a proof of work the server
	 * finds spent or expired gets one fresh challenge and one resend, never a loop. */
	async send(values: ReportDraft, files: File[]): Promise<SendOutcome | undefined> {
		try {
			return await this.#send(values, files);
		} catch {
			// Whatever failed, the reporter keeps every answer and can press Send again.
			return {
				errors: { form: m.sender_lock_failed() }
			};
		}
	}

	async #send(values: ReportDraft, files: File[]): Promise<SendOutcome | undefined> {
		const sodium = this.#sodium;
		if (!this.#unitKey || !sodium) {
			return undefined;
		}
		const bytes = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
		const metas = files.map((f, i) => ({
			name: f.name,
			type: f.type,
			size: bytes[i].length,
			...browserCleaningMark(f)
		}));
		// The page's language as it is sent (the reporter may have changed it while writing),
		// written into the envelope so staff can reply in it.
		const parsed = parseDraft(values, metas, this.areas, getLocale());
		if (!parsed.ok) {
			return { errors: parsed.errors };
		}
		this.progress = m.sender_locking();
		const seal = (unitKey: UnitKeyInfo) =>
			sealInBrowser(sodium, {
				envelope: parsed.envelope,
				body: parsed.body,
				files: bytes,
				unitKey,
				unitPublicKey: fromBase64url(unitKey.public_key)
			});
		let sealed;
		try {
			sealed = seal(this.#unitKey);
		} catch (err) {
			if (err instanceof ReportTooLong) {
				return { errors: { size: m.sender_too_long() } };
			}
			throw err;
		}
		let resealed = false;
		for (let attempt = 0; attempt < 2; attempt++) {
			this.progress = m.sender_getting_ready();
			let pow: ProofOfWork;
			try {
				if (!this.#proof) {
					this.#startProofOfWork();
				}
				pow = await this.#proof!;
			} catch {
				this.#startProofOfWork();
				continue;
			}
			this.progress = m.sender_sending();
			const res = await this.deps
				.fetch('/api/v1/reports', {
					method: 'POST',
					// Anonymous whoever sends it: no cookie, not even a partner worker's (DESIGN §5.8).
					credentials: 'omit',
					body: reportRequestBody(sealed.report, pow, sealed.attachments)
				})
				.catch(() => null);
			this.#proof = undefined;
			if (res?.status === 201) {
				return { sent: { code: sealed.code, mode: 'browser' } };
			}
			const fallback = m.sender_not_sent_connection();
			const refusal = res ? await apiErrorFrom(res, fallback) : null;
			if (refusal?.code === 'pow_invalid' && attempt === 0) {
				continue;
			}
			// The unit rotated its key while this page was open: seal again, once, to the key it
			// publishes now, so the report never goes to a key a former member may hold.
			const fresh =
				refusal?.code === 'unknown_unit_key' && !resealed ? await this.#freshKey() : null;
			if (fresh) {
				resealed = true;
				this.#unitKey = fresh;
				this.progress = m.sender_locking();
				sealed = seal(fresh);
				attempt--;
				continue;
			}
			return {
				errors: { form: refusal ? reporterErrorText(refusal.code, refusal.message) : fallback }
			};
		}
		return { errors: { form: m.sender_not_sent() } };
	}
}
