/** The statistics as published: every count already through small-number suppression, so a page,
 * a chart, the CSV and the board summary can only show what is safe to show. */

/** `small`: 1–4, reads `<5`. `hidden`: 5 or more, hidden so a small count cannot be worked out. */
export type PublishedState = 'shown' | 'small' | 'hidden';

export interface PublishedCell {
	key: string;
	label: string;
	/** The count, or null when it is suppressed. */
	value: number | null;
	state: PublishedState;
	/** What the reader sees: "12", "0", "<5" or "[c]". */
	text: string;
}

export interface PublishedTable {
	id: string;
	title: string;
	/** One sentence on what the rows count, when it is not obvious. */
	note: string | null;
	rows: PublishedCell[];
	total: PublishedCell;
	/** True when the table could not be shown safely at all. */
	withheld: boolean;
}

export interface PublishedTime {
	key: string;
	label: string;
	/** Null when fewer than five reports reached this step. */
	median: string | null;
	p90: string | null;
}

export interface PublishedStats {
	period: { label: string; from: string; to: string; query: Record<string, string> };
	total: PublishedCell;
	/** Reports made by someone else on the victim's behalf, as a share of all reports. */
	thirdPartyShare: string | null;
	warningsPublished: PublishedCell;
	tables: PublishedTable[];
	times: PublishedTime[];
}

/** The one sentence explaining suppression, wherever figures are shown. */
export const SUPPRESSION_RULE =
	'Counts from 1 to 4 are shown as <5, and [c] marks a further count hidden so that a small one cannot be worked out from the totals.';
