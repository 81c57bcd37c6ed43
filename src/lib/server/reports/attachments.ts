import { MAX_ENCRYPTED_FILE, MIN_ENCRYPTED_FILE } from '../../report/limits';
import { DomainError } from '../errors';

/** The encrypted files of a report or message: parts attachment0..attachment{n-1}, exactly as many
 * as the payload announces, each the size an encrypted file of at most 10 MiB can have. */
export async function readAttachmentParts(
	form: FormData,
	expected: number,
	allowedParts: string[]
): Promise<Uint8Array[]> {
	const names = new Set([
		...allowedParts,
		...Array.from({ length: expected }, (_, i) => `attachment${i}`)
	]);
	for (const key of form.keys()) {
		if (!names.has(key)) {
			throw new DomainError(400, 'unexpected_part', `Unexpected part "${key}".`, key);
		}
	}
	const files: Uint8Array[] = [];
	for (let i = 0; i < expected; i++) {
		const name = `attachment${i}`;
		const parts = form.getAll(name);
		if (parts.length !== 1 || typeof parts[0] === 'string') {
			throw new DomainError(400, 'missing_part', `Expected one file part "${name}".`, name);
		}
		const file = parts[0];
		if (file.size > MAX_ENCRYPTED_FILE) {
			throw new DomainError(413, 'file_too_large', 'Each file may be at most 10 MiB.', name);
		}
		if (file.size < MIN_ENCRYPTED_FILE) {
			throw new DomainError(400, 'bad_attachment', 'This is not an encrypted file.', name);
		}
		files.push(new Uint8Array(await file.arrayBuffer()));
	}
	return files;
}
