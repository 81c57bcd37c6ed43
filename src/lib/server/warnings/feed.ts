import type { PublishedWarning } from '../../report/warning';
import { displayIdentifier, IDENTIFIER_LABELS } from '../../report/warning';
import { areaLabelIn, DEFAULT_AREAS, type AreaEntry } from '../../report/areas';
import { DEFAULT_PORTAL_NAMES, type PortalNames } from '../../settings/portal';
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

/** The portal's settings a feed shows: its names, and the areas' current labels. */
export interface FeedNames {
	portal: PortalNames;
	areas: readonly AreaEntry[];
}
const DEFAULT_NAMES: FeedNames = { portal: DEFAULT_PORTAL_NAMES, areas: DEFAULT_AREAS };

const type = (t: string) => INCIDENT_LABELS[t as IncidentType]?.label ?? t;

/** The warning as plain text, as a partner's system would show it. */
export function warningText(w: PublishedWarning, areas = DEFAULT_AREAS): string {
	const lines = [
		`${areaLabelIn(areas, w.area)}, ${w.month}. ${w.types.map(type).join(', ')}.`,
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

export function atomFeed(
	origin: string,
	warnings: PublishedWarning[],
	now: string,
	names: FeedNames = DEFAULT_NAMES
): string {
	const area = (a: string) => areaLabelIn(names.areas, a);
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
    <content type="text">${xmlText(warningText(w, names.areas))}</content>
  </entry>`
	);
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlText(origin)}/api/v1/warnings/feed.atom</id>
  <title>${xmlText(names.portal.name)} warnings</title>
  <subtitle>Redacted warnings published by ${xmlText(names.portal.unit)}, for partner organisations.</subtitle>
  <updated>${updated || now}</updated>
  <author><name>${xmlText(names.portal.name)}</name></author>
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
