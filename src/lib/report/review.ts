import { areaLabelIn, DEFAULT_AREAS, type AreaEntry } from './areas';
import { askedContact, contactRows } from './contact-details';
import type { PoliceChoice } from './consent';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import type { ReportDraft, Step } from './form';
import {
	AGE_BAND_OPTIONS,
	AGREED_OPTIONS,
	incidentLabel,
	labelOf,
	policeLabel,
	REPORTER_OPTIONS,
	UNDER18_OPTIONS,
	vulnerabilityOptions
} from './form-options';
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
	const locale = getLocale();
	if (day) {
		const d = new Date(Date.UTC(+day[1], +day[2] - 1, +day[3]));
		words =
			locale === 'en'
				? `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`
				: d.toLocaleDateString(locale, {
						weekday: 'long',
						day: 'numeric',
						month: 'long',
						year: 'numeric',
						timeZone: 'UTC'
					});
	} else {
		const parts = /^(\d{4})-(\d{2})$/.exec(month);
		if (parts && +parts[2] >= 1 && +parts[2] <= 12) {
			words =
				locale === 'en'
					? monthLabel(month)
					: new Date(Date.UTC(+parts[1], +parts[2] - 1, 1)).toLocaleDateString(locale, {
							month: 'long',
							year: 'numeric',
							timeZone: 'UTC'
						});
		}
	}
	if (/^\d{2}:\d{2}/.test(time)) {
		const at = time.slice(0, 5);
		words = words
			? m.review_about_time({ when: words, time: at })
			: m.review_about_time_only({ time: at });
	}
	return words;
}

export const isForSomeone = (reporter: string) => reporter === 'outreach' || reporter === 'other';

/** The answer that routes the report (DESIGN §4): skipped reads as no, unless the age says under 18. */
function under18Answer(draft: ReportDraft): string {
	if (draft.under18) {
		return labelOf(UNDER18_OPTIONS, draft.under18);
	}
	return draft.age_band === 'under_18'
		? m.review_under18_from_age()
		: m.review_under18_unanswered();
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
			title: m.review_who_title(),
			rows: [
				[m.review_who(), labelOf(REPORTER_OPTIONS, draft.reporter)],
				...((forSomeone
					? [
							[m.review_organisation(), draft.tp_organisation],
							[m.review_relationship(), draft.tp_relationship],
							[m.review_agreed(), labelOf(AGREED_OPTIONS, draft.tp_agreed)]
						]
					: []) as [string, string][])
			]
		},
		{
			step: 'what',
			title: m.step_what(),
			rows: [
				[m.review_types(), draft.types.map(incidentLabel).join(', ')],
				[m.review_when(), whenInWords(draft.date, draft.time, draft.month)],
				[m.review_roughly(), draft.when],
				[m.review_area(), draft.area ? areaLabelIn(areas, draft.area) : ''],
				[m.review_location(), draft.location],
				[m.review_narrative(), draft.narrative],
				[m.review_injuries(), draft.injuries],
				[m.review_weapon(), draft.weapon]
			]
		},
		{
			step: 'person',
			title: m.step_person(),
			rows: [
				[m.review_name(), draft.off_name],
				[m.review_age(), draft.off_age],
				[m.review_looks(), draft.off_appearance],
				[m.review_accent(), draft.off_accent],
				[m.review_phones(), list(draft.phone)],
				[m.review_emails(), list(draft.email)],
				[m.review_handles(), list(draft.handle)],
				[
					m.review_vehicles(),
					draft.vehicles
						.map((v) => [v.colour, v.make, v.model, v.registration].filter(Boolean).join(' '))
						.filter(Boolean)
						.join('; ')
				],
				[m.review_contact_method(), draft.contact_method]
			]
		},
		{
			step: 'you',
			title: forSomeone ? m.step_you_them() : m.step_you(),
			rows: [
				[m.review_age(), labelOf(AGE_BAND_OPTIONS, draft.age_band)],
				[m.review_under18(), under18Answer(draft)],
				[m.review_harder(), labels(vulnerabilityOptions(forSomeone), draft.vulnerabilities)],
				[m.review_anything_else(), draft.about_notes]
			]
		},
		{
			step: 'consent',
			title: m.review_choices_title(),
			rows: [
				[
					m.review_warn(),
					draft.warn === 'yes' ? m.opt_yes() : draft.warn === 'no' ? m.opt_no() : ''
				],
				[m.review_police(), draft.police ? policeLabel(draft.police as PoliceChoice) : ''],
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
		{ step: 'files', title: m.step_files(), rows: [[m.review_files(), files.join(', ')]] }
	];
	// The row's name and the reporter's answer ('' means not answered: left out).
	return sections.map((s) => ({ ...s, rows: s.rows.filter(([, value]) => value !== '') }));
}
