/**
 * DESIGN §5.6: identifiers are normalized before they are blind-indexed, so that two reports
 * naming the same phone, e-mail, online handle or number plate in different ways link up.
 * Pure functions, shared by the staff browser and tests. null means "nothing to index".
 */

export type IdentifierKind = 'phone' | 'email' | 'handle' | 'vehicle';
export interface Identifier {
	kind: IdentifierKind;
	value: string;
}

/** E.164 with +44 as the default country: '07700 900123', '+44 7700 900123', '0044 7700 900123',
 * '+44 (0)7700 900123', '+44 07700 900123', 'tel:+447700900123' and '7700900123' all become
 * '+447700900123'. */
export function normalizePhone(input: string): string | null {
	const text = input.trim().replace(/^tel:/i, '').replace(/\(0\)/g, '').trim();
	const international = text.startsWith('+') || text.startsWith('00');
	let digits = text.replace(/\D/g, '');
	if (text.startsWith('00')) {
		digits = digits.slice(2);
	}
	let e164: string;
	// People often keep the trunk 0 after the country code: '+44 07700 900123'.
	if (international) {
		e164 = digits.startsWith('440') ? '44' + digits.slice(3) : digits;
	} else if (digits.startsWith('0')) {
		e164 = '44' + digits.slice(1);
	} else if (digits.startsWith('44') && digits.length === 12) {
		e164 = digits;
	} else {
		e164 = '44' + digits;
	}
	// E.164 numbers have at most 15 digits; fewer than 8 is not a phone number worth linking on.
	if (e164.length < 8 || e164.length > 15 || e164.startsWith('0')) {
		return null;
	}
	return '+' + e164;
}

/** Lower-case, without a 'mailto:' or the angle brackets of a copied 'Name <address>'. */
export function normalizeEmail(input: string): string | null {
	const value = input
		.trim()
		.toLowerCase()
		.replace(/^mailto:/, '')
		.replace(/^.*<([^<>]+)>$/, '$1')
		.trim();
	return /^[^\s@]+@[^\s@]+$/.test(value) ? value : null;
}

/** Lower-case, no leading @, no white space; a pasted profile address ('instagram.com/Name/')
 * becomes its last path segment. */
export function normalizeHandle(input: string): string | null {
	let value = input.trim().toLowerCase();
	const profile =
		/^(?:https?:\/\/)?(?:www\.|m\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\/+@?([^/?#\s]+)\/*(?:[?#].*)?$/.exec(
			value
		);
	if (profile) {
		value = profile[1];
	}
	value = value.replace(/^@+/, '').replace(/\s+/g, '');
	return value === '' ? null : value;
}

/** Upper-case letters and digits only: people add spaces, hyphens and dots to plates. */
export function normalizeRegistration(input: string): string | null {
	const value = input.toUpperCase().replace(/[^A-Z0-9]+/g, '');
	return value === '' ? null : value;
}

interface OffenderIdentifiers {
	phones?: unknown;
	emails?: unknown;
	handles?: unknown;
	vehicles?: unknown;
}

const strings = (list: unknown): string[] =>
	Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];

/** Every distinct identifier in a decrypted report body's offender section. */
export function identifiersOf(body: unknown): Identifier[] {
	const offender = ((body as { offender?: unknown } | null)?.offender ?? {}) as OffenderIdentifiers;
	const found: Identifier[] = [];
	const add = (kind: IdentifierKind, value: string | null) => {
		if (value && !found.some((f) => f.kind === kind && f.value === value)) {
			found.push({ kind, value });
		}
	};
	for (const p of strings(offender.phones)) {
		add('phone', normalizePhone(p));
	}
	for (const e of strings(offender.emails)) {
		add('email', normalizeEmail(e));
	}
	for (const h of strings(offender.handles)) {
		add('handle', normalizeHandle(h));
	}
	const vehicles = Array.isArray(offender.vehicles) ? offender.vehicles : [];
	for (const v of vehicles) {
		const reg = (v as { registration?: unknown } | null)?.registration;
		if (typeof reg === 'string') {
			add('vehicle', normalizeRegistration(reg));
		}
	}
	return found;
}
