/** Staff read every stored time in the unit's own zone, with the zone named (GMT or BST), so a
 * time on the queue, in a case, on the audit log or on a printed evidence sheet is the same
 * words and can be set beside a force log without conversion. */
export const STAFF_TIME_ZONE = 'Europe/London';

const FORMAT = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	timeZone: STAFF_TIME_ZONE,
	timeZoneName: 'short'
});

/** A stored ISO time as staff read it, e.g. "30 Nov 2026, 17:55:02 GMT"; '—' when there is none,
 * and the stored text itself when it is not a time. */
export const staffTime = (iso: string | null | undefined): string => {
	if (!iso) {
		return '—';
	}
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : FORMAT.format(date);
};

const HOUR_START = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZone: STAFF_TIME_ZONE
});
const HOUR_END = new Intl.DateTimeFormat('en-GB', {
	hour: '2-digit',
	minute: '2-digit',
	timeZone: STAFF_TIME_ZONE,
	timeZoneName: 'short'
});

/** A reporter's time, kept only to the hour (docs/decisions.md, "Reporter times to the hour"):
 * shown as the hour it fell in, e.g. "30 Nov 2026, 17:00–18:00 GMT". */
export const withinHour = (iso: string | null | undefined): string => {
	if (!iso) {
		return '—';
	}
	const start = Date.parse(iso);
	return Number.isNaN(start)
		? iso
		: `${HOUR_START.format(start)}–${HOUR_END.format(start + 3_600_000)}`;
};
