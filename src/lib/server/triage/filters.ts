import * as v from 'valibot';
import { fromBase64url, fromUtf8, toBase64url, utf8 } from '../../crypto/encoding';
import { AREA_CODE_PATTERN } from '../../report/areas';
import { POLICE_CHOICES } from '../../report/consent';
import { INCIDENT_TYPES } from '../../report/incident-types';
import { REPORT_STATUSES } from '../../staff/report/triage-options';
import { TEAMS } from '../../report/vocabulary';
import type { QueueCursor, QueueFilters } from './queue';

/** The queue's filters as GET query parameters: a plain form that works without JavaScript. */
const blank = v.pipe(
	v.optional(v.string(), ''),
	v.transform((s) => s.trim())
);
const choice = <const T extends readonly string[]>(choices: T, message: string) =>
	v.union([v.literal(''), v.picklist(choices)], message);

export const QueueQuerySchema = v.strictObject({
	status: v.pipe(
		blank,
		choice([...REPORT_STATUSES, 'open', 'all', 'withdrawn'], 'Unknown status.')
	),
	team: v.pipe(blank, choice(TEAMS, 'Unknown team.')),
	// Any well-formed code: retired areas stay filterable, and an unknown one simply matches nothing.
	area: v.pipe(
		blank,
		v.union([v.literal(''), v.pipe(v.string(), v.regex(AREA_CODE_PATTERN))], 'Unknown area.')
	),
	type: v.pipe(blank, choice(INCIDENT_TYPES, 'Unknown incident type.')),
	police: v.pipe(blank, choice(POLICE_CHOICES, 'Unknown police consent.')),
	warn: v.pipe(blank, choice(['yes', 'no'] as const, 'Warn must be yes or no.')),
	mine: v.pipe(blank, choice(['1'] as const, 'Unknown value for "assigned to me".')),
	unread: v.pipe(blank, choice(['1'] as const, 'Unknown value for "unread message".')),
	after: v.pipe(blank, v.maxLength(400, 'The page link is damaged.'))
});
export type QueueQuery = v.InferOutput<typeof QueueQuerySchema>;

const CursorSchema = v.strictObject({
	r: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
	c: v.pipe(v.string(), v.maxLength(40)),
	s: v.pipe(v.number(), v.integer(), v.minValue(0)),
	i: v.pipe(v.string(), v.maxLength(64))
});

export const encodeCursor = (c: QueueCursor): string =>
	toBase64url(utf8(JSON.stringify({ r: c.rank, c: c.createdAt, s: c.seq, i: c.id })));

export function decodeCursor(text: string): QueueCursor | null {
	try {
		const parsed = v.safeParse(CursorSchema, JSON.parse(fromUtf8(fromBase64url(text))));
		return parsed.success
			? {
					rank: parsed.output.r,
					createdAt: parsed.output.c,
					seq: parsed.output.s,
					id: parsed.output.i
				}
			: null;
	} catch {
		return null;
	}
}

export type ParsedQuery =
	| { ok: true; query: QueueQuery; filters: QueueFilters; cursor: QueueCursor | undefined }
	| { ok: false; field: string; message: string };

/** Reads the query string; unknown parameters (and repeated ones) are refused, not ignored. */
export function parseQueueQuery(params: URLSearchParams, staffId: string): ParsedQuery {
	const raw: Record<string, string> = {};
	for (const [key, value] of params) {
		if (key in raw) {
			return { ok: false, field: key, message: `"${key}" is given twice.` };
		}
		raw[key] = value;
	}
	const parsed = v.safeParse(QueueQuerySchema, raw);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		return {
			ok: false,
			field: issue.path?.map((p) => String(p.key)).join('.') ?? 'query',
			message: issue.message
		};
	}
	const q = parsed.output;
	const cursor = q.after ? decodeCursor(q.after) : undefined;
	if (cursor === null) {
		return { ok: false, field: 'after', message: 'The page link is damaged.' };
	}
	const filters: QueueFilters = {
		status: q.status || 'open',
		team: q.team || undefined,
		area: q.area || undefined,
		type: q.type || undefined,
		police: q.police || undefined,
		warn: q.warn === '' ? undefined : q.warn === 'yes',
		assigneeId: q.mine ? staffId : undefined,
		unread: q.unread === '1' || undefined
	};
	return { ok: true, query: q, filters, cursor };
}

/** The same filters with a different cursor, for the "Next page" link. */
export function queueLink(query: QueueQuery, after: string | null): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (key !== 'after' && value) {
			params.set(key, value);
		}
	}
	if (after) {
		params.set('after', after);
	}
	const text = params.toString();
	return text ? `/staff?${text}` : '/staff';
}
