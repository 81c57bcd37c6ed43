import type { PublishedWarning } from '../../report/warning';
import { displayIdentifier, IDENTIFIER_LABELS } from '../../report/warning';
import { AREA_LABELS, type Area } from '../../report/areas';
import { INCIDENT_LABELS, type IncidentType } from '../../report/incident-types';

/** The partner feed: Atom (RFC 4287) and a JSON variant of the same live warnings. */

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};
/** Escapes text for XML and drops characters XML 1.0 forbids (hostile text must not break it). */
export const xmlText = (text: string): string =>
	text
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
		.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

const area = (a: string) => AREA_LABELS[a as Area] ?? a;
const type = (t: string) => INCIDENT_LABELS[t as IncidentType]?.label ?? t;

/** The warning as plain text, as a partner's system would show it. */
export function warningText(w: PublishedWarning): string {
	const lines = [
		`${area(w.area)}, ${w.month}. ${w.types.map(type).join(', ')}.`,
		w.from_report ? '' : 'Passed on to the unit, not from a report made on the portal.',
		w.body,
		w.description ? `Description: ${w.description}` : '',
		...w.identifiers.map(
			(id) =>
				`${IDENTIFIER_LABELS[id.kind]}: ${id.kind === 'vehicle' && id.label ? id.label + ', ' : ''}${displayIdentifier(id)}`
		)
	];
	return lines.filter((l) => l !== '').join('\n');
}

export function atomFeed(origin: string, warnings: PublishedWarning[], now: string): string {
	const updated = warnings.reduce(
		(latest, w) => (w.updated_at > latest ? w.updated_at : latest),
		''
	);
	const entries = warnings.map(
		(w) => `  <entry>
    <id>urn:uuid:${w.id}</id>
    <title>${xmlText(w.title)}</title>
    <published>${w.published_at}</published>
    <updated>${w.updated_at}</updated>
    <link rel="alternate" href="${xmlText(origin)}/warnings#w-${w.id}"/>
${w.types.map((t) => `    <category term="${xmlText(t)}" label="${xmlText(type(t))}"/>`).join('\n')}
    <category term="area:${xmlText(w.area)}" label="${xmlText(area(w.area))}"/>
    <content type="text">${xmlText(warningText(w))}</content>
  </entry>`
	);
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlText(origin)}/api/v1/warnings/feed.atom</id>
  <title>SafeReport warnings</title>
  <subtitle>Redacted warnings published by the specialist unit, for partner organisations.</subtitle>
  <updated>${updated || now}</updated>
  <author><name>SafeReport</name></author>
  <link rel="self" href="${xmlText(origin)}/api/v1/warnings/feed.atom"/>
${entries.join('\n')}
</feed>
`;
}

export const jsonFeed = (warnings: PublishedWarning[], now: string) => ({
	v: 1,
	generated_at: now,
	warnings
});
