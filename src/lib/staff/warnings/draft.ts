import { AREA_CODE_PATTERN, AREA_UNKNOWN } from '../../report/areas';
import { INCIDENT_LABELS, INCIDENT_TYPES, type IncidentType } from '../../report/incident-types';
import type { IdentifierKind } from '../../report/normalize';
import {
	MONTH_PATTERN,
	normalizeIdentifier,
	WARNING_LIMITS,
	type WarningContentInput
} from '../../report/warning';

/**
 * The editor's working copy of a warning. Identifiers keep what the report said, a tick box each:
 * only ticked ones are published, normalized as for linking (DESIGN §5.6).
 */
export interface DraftIdentifier {
	kind: IdentifierKind;
	value: string;
	label: string;
	include: boolean;
}
export interface WarningDraft {
	area: string;
	month: string;
	types: string[];
	title: string;
	body: string;
	description: string;
	identifiers: DraftIdentifier[];
	expires_on: string;
	source_note: string;
}

export const emptyDraft = (now = new Date()): WarningDraft => ({
	area: 'unknown',
	month: now.toISOString().slice(0, 7),
	types: [],
	title: '',
	body: '',
	description: '',
	identifiers: [],
	expires_on: '',
	source_note: ''
});

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const strings = (value: unknown): string[] =>
	Array.isArray(value) ? value.map(str).filter((s) => s !== '') : [];

/** Cuts at the last sentence end before the limit, so the reviewer starts from something short. */
export function shorten(text: string, max = 600): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= max) {
		return clean;
	}
	const cut = clean.slice(0, max);
	const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
	return end > max / 3 ? cut.slice(0, end + 1) : cut.replace(/\s+\S*$/, '') + ' …';
}

/**
 * Pre-fills a warning from a report opened in this browser: nothing of it reaches the server
 * until the reviewer saves. The exact date, time, place and the reporter's own details are left
 * out on purpose; the text is shortened and still needs the reviewer's redaction.
 */
export function draftFromReport(envelope: Record<string, unknown>, body: unknown): WarningDraft {
	const b = (body ?? {}) as Record<string, Record<string, unknown> | undefined>;
	const incident = b.incident ?? {};
	const offender = b.offender ?? {};
	const types = strings(envelope.types).filter((t): t is IncidentType =>
		(INCIDENT_TYPES as readonly string[]).includes(t)
	);
	const area = AREA_CODE_PATTERN.test(str(envelope.area)) ? str(envelope.area) : AREA_UNKNOWN;
	const month = MONTH_PATTERN.test(str(envelope.month)) ? str(envelope.month) : emptyDraft().month;
	const sentence = (text: string) => (text === '' || /[.!?]$/.test(text) ? text : text + '.');
	const describe = [
		str(offender.age_range) && `Age: ${str(offender.age_range)}`,
		str(offender.appearance),
		str(offender.accent) && `Accent: ${str(offender.accent)}`,
		str(offender.name) && `Uses the name “${str(offender.name)}”`,
		str(offender.contact_method) && `Made contact: ${str(offender.contact_method)}`
	]
		.filter(Boolean)
		.map(sentence);
	const identifiers: DraftIdentifier[] = [
		...strings(offender.phones).map((value) => ({ kind: 'phone' as const, value })),
		...strings(offender.emails).map((value) => ({ kind: 'email' as const, value })),
		...strings(offender.handles).map((value) => ({ kind: 'handle' as const, value })),
		...(Array.isArray(offender.vehicles) ? offender.vehicles : []).flatMap((raw) => {
			const v = (raw ?? {}) as Record<string, unknown>;
			const label = [str(v.colour), str(v.make), str(v.model)].filter(Boolean).join(' ');
			const registration = str(v.registration);
			return registration || label
				? [
						{
							kind: 'vehicle' as const,
							value: registration,
							label: label.slice(0, WARNING_LIMITS.label)
						}
					]
				: [];
		})
	].map((id) => ({ label: '', ...id, include: true }));
	return {
		area,
		month,
		types,
		title: shorten(types.map((t) => INCIDENT_LABELS[t].label).join(', '), WARNING_LIMITS.title),
		body: shorten(str(incident.narrative)),
		description: shorten(describe.join(' '), WARNING_LIMITS.description),
		identifiers,
		expires_on: '',
		source_note: ''
	};
}

/** What is sent: only ticked identifiers that can be read. Unreadable ticked ones are reported. */
export function contentFromDraft(draft: WarningDraft): {
	content: WarningContentInput;
	unreadable: DraftIdentifier[];
} {
	const ticked = draft.identifiers.filter((id) => id.include && id.value.trim() !== '');
	return {
		content: {
			area: draft.area as WarningContentInput['area'],
			month: draft.month,
			types: draft.types as WarningContentInput['types'],
			title: draft.title,
			body: draft.body,
			description: draft.description,
			identifiers: ticked.map(({ kind, value, label }) => ({ kind, value, label })),
			expires_on: draft.expires_on,
			source_note: draft.source_note
		},
		unreadable: ticked.filter((id) => normalizeIdentifier(id.kind, id.value) === null)
	};
}
