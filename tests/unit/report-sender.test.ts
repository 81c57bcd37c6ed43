import { describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/lib/crypto/keyring';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { getSodium } from '../../src/lib/crypto/sodium';
import type { ProofOfWork } from '../../src/lib/report/browser/pow';
import { ReportSender } from '../../src/lib/report/browser/report-sender.svelte';
import { minimalDraft } from './support/reporter';

const refusal = (status: number, code: string, message: string) =>
	new Response(JSON.stringify({ error: { code, message } }), {
		status,
		headers: { 'content-type': 'application/json' }
	});
const spent = () => refusal(400, 'pow_invalid', 'The proof of work has already been used.');

/** A sender with a real unit key and libsodium, and stand-ins for the network and the solver. */
async function senderAnswering(answers: Response[]) {
	const sodium = await getSodium();
	const { keyring, publicKey } = createKeyring(sodium);
	const unitKey = { id: keyring.keys[0].id, public_key: toBase64url(publicKey), fingerprint: '' };
	const challenges: number[] = [];
	const posted: { url: string; pow: ProofOfWork; unitKeyId: string }[] = [];
	const sender = new ReportSender(unitKey, {
		loadSodium: async () => sodium,
		solveProofOfWork: async () => {
			challenges.push(challenges.length + 1);
			const n = challenges.length;
			return {
				challenge: {
					parameters: {
						algorithm: 'SHA-256',
						nonce: `n${n}`,
						salt: `s${n}`,
						cost: 1,
						keyLength: 32,
						keyPrefix: '00'
					},
					signature: 'x'
				},
				solution: { counter: n, derivedKey: `k${n}` }
			};
		},
		cleanImage: async (file) => file,
		fetch: async (input, init) => {
			const body = init?.body as FormData | undefined;
			if (body) {
				posted.push({
					url: String(input),
					pow: JSON.parse(String(body.get('pow'))),
					unitKeyId: JSON.parse(String(body.get('report'))).unit_key_id
				});
			} else {
				posted.push({ url: String(input) } as (typeof posted)[number]);
			}
			const next = answers.shift();
			if (!next) {
				throw new Error('no answer left');
			}
			return next;
		}
	});
	await sender.prepare();
	return { sender, challenges, posted, unitKey };
}

describe('sending a sealed report from the browser', () => {
	it('asks for one fresh challenge and resends once when the proof of work was spent', async () => {
		const { sender, challenges, posted } = await senderAnswering([
			spent(),
			new Response('{}', { status: 201 })
		]);
		const outcome = await sender.send(minimalDraft(), []);
		expect(outcome && 'sent' in outcome && outcome.sent.mode).toBe('browser');
		expect(challenges).toHaveLength(2);
		expect(posted.map((p) => p.url)).toEqual(['/api/v1/reports', '/api/v1/reports']);
		expect(posted.map((p) => p.pow.challenge.parameters.nonce)).toEqual(['n1', 'n2']);
		expect(sender.mode).toBe('browser');
	});

	it('shows a second refusal of the proof of work instead of trying again', async () => {
		const { sender, challenges, posted } = await senderAnswering([spent(), spent(), spent()]);
		const outcome = await sender.send(minimalDraft(), []);
		expect(outcome).toEqual({ errors: { form: 'The proof of work has already been used.' } });
		expect(challenges).toHaveLength(2);
		expect(posted).toHaveLength(2);
	});

	it('answers a file that cannot be read with an error the reporter can act on, not a stuck form', async () => {
		const { sender, posted } = await senderAnswering([]);
		const unreadable = new File(['x'], 'photo.jpg', { type: 'image/jpeg' });
		unreadable.arrayBuffer = () => Promise.reject(new Error('gone from the phone'));
		const outcome = await sender.send(minimalDraft(), [unreadable]);
		expect(outcome).toEqual({
			errors: { form: 'Your report could not be locked in this browser. Please try again.' }
		});
		expect(posted).toHaveLength(0);
	});

	it('shows any other refusal at once, without a fresh challenge', async () => {
		const { sender, challenges, posted } = await senderAnswering([
			refusal(400, 'invalid', 'The envelope does not match the form.')
		]);
		const outcome = await sender.send(minimalDraft(), []);
		expect(outcome).toEqual({ errors: { form: 'The envelope does not match the form.' } });
		expect(challenges).toHaveLength(1);
		expect(posted).toHaveLength(1);
	});

	it("words a refusal the reporter can act on by its code, in the page's language", async () => {
		const { sender } = await senderAnswering([
			refusal(413, 'too_large', 'The request is too large.')
		]);
		const outcome = await sender.send(minimalDraft(), []);
		expect(outcome).toEqual({
			errors: { form: 'This is too much to send at once. Please send less, or fewer files.' }
		});
	});

	it('seals again to the key published now when the unit rotated its key while the page was open', async () => {
		const sodium = await getSodium();
		const rotated = createKeyring(sodium);
		const newKey = {
			id: rotated.keyring.keys[0].id,
			public_key: toBase64url(rotated.publicKey),
			fingerprint: ''
		};
		const { sender, posted, unitKey } = await senderAnswering([
			refusal(400, 'unknown_unit_key', 'This unit key is unknown or retired.'),
			new Response(JSON.stringify(newKey), { status: 200 }),
			new Response('{}', { status: 201 })
		]);
		const outcome = await sender.send(minimalDraft(), []);
		expect(outcome && 'sent' in outcome && outcome.sent.mode).toBe('browser');
		expect(posted.map((p) => [p.url, p.unitKeyId])).toEqual([
			['/api/v1/reports', unitKey.id],
			['/api/v1/unit-key', undefined],
			['/api/v1/reports', newKey.id]
		]);
	});

	it('reseals only once: a second refusal of the key is shown', async () => {
		const sodium = await getSodium();
		const other = createKeyring(sodium);
		const newKey = {
			id: other.keyring.keys[0].id,
			public_key: toBase64url(other.publicKey),
			fingerprint: ''
		};
		const retired = () => refusal(400, 'unknown_unit_key', 'This unit key is unknown or retired.');
		const { sender, posted } = await senderAnswering([
			retired(),
			new Response(JSON.stringify(newKey), { status: 200 }),
			retired()
		]);
		const outcome = await sender.send(minimalDraft(), []);
		expect(outcome).toEqual({ errors: { form: 'This unit key is unknown or retired.' } });
		expect(posted).toHaveLength(3);
	});
});
