import { areaLabelIn, DEFAULT_AREAS, type AreaEntry } from './areas';
import { askedContact, contactRows } from './contact-details';
import { POLICE_LABELS, type PoliceChoice } from './consent';
import type { ReportDraft, Step } from './form';
import {
	AGE_BAND_OPTIONS,
	AGREED_OPTIONS,
	labelOf,
	REPORTER_OPTIONS,
	UNDER18_OPTIONS,
	vulnerabilityOptions
} from './form-options';
import { INCIDENT_LABELS, type IncidentType } from './incident-types';
import { MONTH_NAMES, monthLabel } from './months';

export interface ReviewSection {
	step: Step;
	title: string;
	rows: [string, string][];
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Tuesday 3 November 2026, about 22:30", or "November 2026" when only the month is known. */
export function whenInWords(date: string, time: string, month: string): string {
	const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	let words = '';
	if (day) {
		const d = new Date(Date.UTC(+day[1], +day[2] - 1, +day[3]));
		words = `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
	} else {
		const m = /^(\d{4})-(\d{2})$/.exec(month);
		if (m && +m[2] >= 1 && +m[2] <= 12) {
			words = monthLabel(month);
		}
	}
	if (/^\d{2}:\d{2}/.test(time)) {
		words = words ? `${words}, about ${time.slice(0, 5)}` : `About ${time.slice(0, 5)}`;
	}
	return words;
}

export const isForSomeone = (reporter: string) => reporter === 'outreach' || reporter === 'other';

/** The answer that routes the report (DESIGN §4): skipped reads as no, unless the age says under 18. */
function under18Answer(draft: ReportDraft): string {
	if (draft.under18) {
		return labelOf(UNDER18_OPTIONS, draft.under18);
	}
	return draft.age_band === 'under_18' ? 'Yes (from the age given)' : 'Not answered (read as no)';
}

/**
 * The answers that apply, and so are sent: questions for someone reporting on another's behalf
 * only when they do, and contact details only when the police may make contact, and only those
 * for the chosen way. A phone number typed and then replaced by "By e-mail" is not sent.
 */
export function whatWillBeSent(draft: ReportDraft): ReportDraft {
	const sent = { ...draft };
	if (!isForSomeone(draft.reporter)) {
		sent.tp_organisation = '';
		sent.tp_relationship = '';
		sent.tp_agreed = '';
	}
	const contact = askedContact(
		{
			preference: draft.contact_preference,
			phone: draft.contact_phone,
			email: draft.contact_email,
			outreach: draft.contact_outreach,
			times: draft.contact_times,
			message: draft.contact_message
		},
		draft.police
	);
	sent.contact_preference = contact.preference;
	sent.contact_phone = contact.phone;
	sent.contact_email = contact.email;
	sent.contact_outreach = contact.outreach;
	sent.contact_times = contact.times;
	sent.contact_message = contact.message;
	return sent;
}

const list = (values: string[]) => values.filter(Boolean).join(', ');
const labels = (options: { value: string; label: string }[], values: string[]) =>
	values
		.map((v) => labelOf(options, v))
		.filter(Boolean)
		.join(', ');

/**
 * Every answer the report will carry, grouped by the step that asks it, in the reporter's words.
 * The check-and-send step shows exactly this, with and without JavaScript.
 */
export function reviewSections(
	answers: ReportDraft,
	files: string[],
	areas: readonly AreaEntry[] = DEFAULT_AREAS
): ReviewSection[] {
	const draft = whatWillBeSent(answers);
	const forSomeone = isForSomeone(draft.reporter);
	const sections: ReviewSection[] = [
		{
			step: 'who',
			title: 'Who is making this report',
			rows: [
				['Who is reporting', labelOf(REPORTER_OPTIONS, draft.reporter)],
				...((forSomeone
					? [
							['Organisation', draft.tp_organisation],
							['How they know the person', draft.tp_relationship],
							['Did the person agree', labelOf(AGREED_OPTIONS, draft.tp_agreed)]
						]
					: []) as [string, string][])
			]
		},
		{
			step: 'what',
			title: 'What happened',
			rows: [
				[
					'What happened',
					draft.types.map((t) => INCIDENT_LABELS[t as IncidentType]?.label ?? '').join(', ')
				],
				['When', whenInWords(draft.date, draft.time, draft.month)],
				['Roughly when', draft.when],
				['Area', draft.area ? areaLabelIn(areas, draft.area) : ''],
				['Where exactly', draft.location],
				['In their own words', draft.narrative],
				['Injuries', draft.injuries],
				['Weapon', draft.weapon]
			]
		},
		{
			step: 'person',
			title: 'About the person who did it',
			rows: [
				['Name used', draft.off_name],
				['Age', draft.off_age],
				['Looks', draft.off_appearance],
				['Accent or language', draft.off_accent],
				['Phone numbers', list(draft.phone)],
				['E-mails', list(draft.email)],
				['Online names', list(draft.handle)],
				[
					'Vehicles',
					draft.vehicles
						.map((v) => [v.colour, v.make, v.model, v.registration].filter(Boolean).join(' '))
						.filter(Boolean)
						.join('; ')
				],
				['How they made contact', draft.contact_method]
			]
		},
		{
			step: 'you',
			title: forSomeone ? 'About the person you are reporting for' : 'About you',
			rows: [
				['Age', labelOf(AGE_BAND_OPTIONS, draft.age_band)],
				['Under 18', under18Answer(draft)],
				[
					'Things making life harder',
					labels(vulnerabilityOptions(forSomeone), draft.vulnerabilities)
				],
				['Anything else', draft.about_notes]
			]
		},
		{
			step: 'consent',
			title: 'Your choices',
			rows: [
				['Warn other workers', draft.warn === 'yes' ? 'Yes' : draft.warn === 'no' ? 'No' : ''],
				['Police', POLICE_LABELS[draft.police as PoliceChoice]?.label ?? ''],
				...contactRows({
					preference: draft.contact_preference,
					phone: draft.contact_phone,
					email: draft.contact_email,
					outreach: draft.contact_outreach,
					times: draft.contact_times,
					message: draft.contact_message
				})
			]
		},
		{ step: 'files', title: 'Photos and files', rows: [['Files', files.join(', ')]] }
	];
	// The row's name and the reporter's answer ('' means not answered: left out).
	return sections.map((s) => ({ ...s, rows: s.rows.filter(([, value]) => value !== '') }));
}
