import { randomBytes, randomUUID } from 'node:crypto';
import { ALPHABET } from '../crypto/report-code';

/** Opaque row ids. */
export const newId = (): string => randomUUID();

/** A staff-facing report reference such as SR-7K3M-9QX2: short enough to say on the phone,
 * random so it reveals neither order nor volume. It is not a secret. */
export function newReportRef(): string {
	const chars = Array.from(randomBytes(8), (b) => ALPHABET[b & 31]).join('');
	return `SR-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
