import { SUPPRESSION_RULE, type PublishedStats } from '../../api/stats';

/** A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: a leading apostrophe defuses a formula, quotes hold commas and quotes. */
export function csvField(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows of the export: the same published cells as the page, in the page's order. */
export function statsRows(stats: PublishedStats): string[][] {
	const rows: string[][] = [
		['section', 'category', 'value'],
		['Period', stats.period.label, ''],
		['Summary', 'All reports', stats.total.text],
		['Summary', 'Made on someone else’s behalf', stats.thirdPartyShare ?? 'not shown'],
		['Summary', 'Warnings published', stats.warningsPublished.text]
	];
	for (const t of stats.tables) {
		if (t.withheld) {
			rows.push([t.title, 'Not shown: too few reports to show safely', '']);
			continue;
		}
		for (const r of t.rows) {
			rows.push([t.title, r.label, r.text]);
		}
		rows.push([t.title, t.total.label, t.total.text]);
	}
	for (const time of stats.times) {
		rows.push([time.label, 'Median', time.median ?? 'fewer than 5 reports']);
		rows.push([time.label, '90th percentile', time.p90 ?? 'fewer than 5 reports']);
	}
	rows.push(['Note', SUPPRESSION_RULE, '']);
	return rows;
}

export const toCsv = (rows: string[][]): string =>
	rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
