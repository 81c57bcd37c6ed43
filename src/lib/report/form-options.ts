import { m } from '../paraglide/messages.js';
import { POLICE_CHOICES, type PoliceChoice } from './consent';
import { INCIDENT_TYPES, type IncidentType } from './incident-types';

/** The report form's choices in the words the reporter reads, shared by the form, its check-and-
 * send step and the status page, so the answer shown is the answer given. The words are read
 * when used (getters), so each request and page gets them in its own language. */
export interface Option {
	value: string;
	label: string;
	hint?: string;
}

/** An option whose words come from messages, read in the current language when shown. (Both are
 * getters: spreading an object with a getter would read it once, when this module loads, and
 * every page after would show the hint in that language.) */
const option = (value: string, label: () => string, hint?: () => string): Option => ({
	value,
	get label() {
		return label();
	},
	get hint() {
		return hint?.();
	}
});

export const REPORTER_OPTIONS: Option[] = [
	option('self', m.opt_reporter_self),
	option('outreach', m.opt_reporter_outreach, m.opt_reporter_outreach_hint),
	option('other', m.opt_reporter_other, m.opt_reporter_other_hint)
];

export const AGREED_OPTIONS: Option[] = [
	option('yes', m.opt_agreed_yes),
	option('no', m.opt_no),
	option('not_asked', m.opt_agreed_not_asked)
];

export const AGE_BAND_OPTIONS: Option[] = [
	option('under_18', m.opt_age_under_18),
	option('18_24', m.opt_age_18_24),
	option('25_34', m.opt_age_25_34),
	option('35_44', m.opt_age_35_44),
	option('45_plus', m.opt_age_45_plus)
];

export const UNDER18_OPTIONS: Option[] = [
	option('no', m.opt_no),
	option('yes', m.opt_yes),
	option('unsure', m.opt_unsure)
];

/** Worded for whoever the report is about: the reporter, or the person they report for. */
export const vulnerabilityOptions = (forSomeone: boolean): Option[] => [
	option('immigration', forSomeone ? m.opt_vuln_immigration_them : m.opt_vuln_immigration_self),
	option('mental_health', m.opt_vuln_mental_health),
	option('substances', m.opt_vuln_substances),
	option('disability', m.opt_vuln_disability),
	option('homeless', m.opt_vuln_homeless),
	option('language', forSomeone ? m.opt_vuln_language_them : m.opt_vuln_language_self)
];

export const WARN_OPTIONS: Option[] = [
	option('yes', m.opt_warn_yes, m.opt_warn_yes_hint),
	option('no', m.opt_warn_no)
];

const POLICE_WORDS: Record<PoliceChoice, [() => string, () => string]> = {
	none: [m.opt_police_none, m.opt_police_none_hint],
	intelligence: [m.opt_police_intelligence, m.opt_police_intelligence_hint],
	contact: [m.opt_police_contact, m.opt_police_contact_hint]
};
export const POLICE_OPTIONS: Option[] = POLICE_CHOICES.map((p) => option(p, ...POLICE_WORDS[p]));

export const CONTACT_OPTIONS: Option[] = [
	option('none', m.opt_contact_none),
	option('outreach', m.opt_contact_outreach),
	option('phone', m.opt_contact_phone),
	option('email', m.opt_contact_email)
];

export const YES_NO_OPTIONS: Option[] = [option('yes', m.opt_yes), option('no', m.opt_no)];

/** The label of a chosen value, or '' when nothing was chosen. */
export const labelOf = (options: Option[], value: string) =>
	options.find((o) => o.value === value)?.label ?? '';

/** The incident types in the reporter's words (the staff pages keep INCIDENT_LABELS' English). */
const TYPE_WORDS: Record<IncidentType, [() => string, (() => string)?]> = {
	rape: [m.type_rape, m.type_rape_hint],
	sexual_assault: [m.type_sexual_assault, m.type_sexual_assault_hint],
	stealthing: [m.type_stealthing],
	physical_assault: [m.type_physical_assault, m.type_physical_assault_hint],
	robbery: [m.type_robbery, m.type_robbery_hint],
	non_payment: [m.type_non_payment, m.type_non_payment_hint],
	threats: [m.type_threats],
	coercion: [m.type_coercion, m.type_coercion_hint],
	online_abuse: [m.type_online_abuse, m.type_online_abuse_hint],
	suspicious: [m.type_suspicious, m.type_suspicious_hint],
	other: [m.type_other]
};
export const INCIDENT_OPTIONS: Option[] = INCIDENT_TYPES.map((t) => option(t, ...TYPE_WORDS[t]));

/** A type's words for the reporter; an unknown code as itself. */
export const incidentLabel = (type: string) =>
	(TYPE_WORDS as Record<string, [() => string] | undefined>)[type]?.[0]() ?? type;

/** The police choice in the reporter's words. */
export const policeLabel = (choice: PoliceChoice) => POLICE_WORDS[choice][0]();
