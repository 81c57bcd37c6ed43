import type { Kysely } from 'kysely';
import { checkCandidates, WARNING_LIMITS } from '../../report/warning';
import type { Database } from '../db/schema';
import { matchIdentifiers } from './store';

export type CheckProblem = 'empty' | 'too_long' | 'unreadable';

/** "Check a number" as a function: what was typed is matched and answered, never stored or
 * logged. Problems come back as codes, so each page words them in its own language. */
export async function checkTyped(db: Kysely<Database>, typed: string) {
	const text = typed.trim();
	if (text === '') {
		return { problem: 'empty' as const, typed: text };
	}
	if (text.length > WARNING_LIMITS.check) {
		return { problem: 'too_long' as const, typed: text.slice(0, WARNING_LIMITS.check) };
	}
	const candidates = checkCandidates(text);
	if (candidates.length === 0) {
		return { problem: 'unreadable' as const, typed: text };
	}
	return { typed: text, matches: await matchIdentifiers(db, candidates) };
}
