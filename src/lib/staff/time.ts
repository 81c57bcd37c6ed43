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
