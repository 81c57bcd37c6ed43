import { lockedMessage } from './backoff';
import { DomainError } from '../errors';
import type { LoginOutcome } from './login';

/**
 * Says what went wrong without saying more than the person at the keyboard can already know: an
 * unknown name and a wrong passphrase read the same, lock included, byte for byte.
 */
export function loginRefusal(outcome: Extract<LoginOutcome, { ok: false }>): DomainError {
	const locked = outcome.minutes ? ' ' + lockedMessage(outcome.minutes) : '';
	switch (outcome.reason) {
		case 'unknown_user':
		case 'passphrase':
			return new DomainError(
				401,
				'unauthenticated',
				'The username or passphrase is not right.' + locked,
				'passphrase'
			);
		case 'totp':
			return new DomainError(
				401,
				'unauthenticated',
				'The code is not right or has expired. Enter the newest code from your app.' + locked,
				'code'
			);
		case 'totp_reused':
			return new DomainError(
				401,
				'unauthenticated',
				'That code has already been used. Wait for the next code in your app.' + locked,
				'code'
			);
		case 'locked':
			return new DomainError(429, 'too_many_attempts', lockedMessage(outcome.minutes ?? 1));
		case 'disabled':
			return new DomainError(
				403,
				'forbidden',
				'This account has been disabled. Ask an admin if this is a mistake.'
			);
	}
}
