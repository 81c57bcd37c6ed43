/** What the queue page's load depends on: invalidating it reloads the queue's data alone, never
 * the page, so the keys in this tab's memory stay unlocked. */
export const QUEUE_DATA = 'staff:queue';

/** How often a visible queue looks for new reports. */
export const QUEUE_REFRESH_MS = 45_000;

export const newReportsNotice = (n: number): string =>
	n <= 0
		? ''
		: `${n} new ${n === 1 ? 'report has' : 'reports have'} arrived since you opened the queue.`;
