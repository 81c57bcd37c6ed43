import { CONTACT_OPTIONS, labelOf, YES_NO_OPTIONS } from './form-options';
import { m } from '../paraglide/messages.js';

/** How the police may contact the reporter: asked in the report, changeable from the status page. */
export interface ContactDetails {
	preference: string;
	phone: string;
	email: string;
	outreach: string;
	times: string;
	message: string;
}

/** Which contact questions apply to the chosen way. The others are hidden and not sent. */
export function contactQuestions(preference: string) {
	const reachable = ['phone', 'email', 'outreach'].includes(preference);
	return {
		phone: preference === 'phone',
		email: preference === 'email',
		outreach: preference === 'outreach',
		times: reachable,
		message: preference === 'phone' || preference === 'email'
	};
}

/** Only the answers to the questions that apply: nothing unless the police may make contact. */
export function askedContact(c: ContactDetails, police: string): ContactDetails {
	const ask = contactQuestions(police === 'contact' ? c.preference : '');
	return {
		preference: police === 'contact' ? c.preference : '',
		phone: ask.phone ? c.phone : '',
		email: ask.email ? c.email : '',
		outreach: ask.outreach ? c.outreach : '',
		times: ask.times ? c.times : '',
		message: ask.message ? c.message : ''
	};
}

const str = (fd: FormData, name: string) => {
	const value = fd.get(name);
	return typeof value === 'string' ? value.trim() : '';
};

export function contactFromForm(fd: FormData): ContactDetails {
	return {
		preference: str(fd, 'contact_preference'),
		phone: str(fd, 'contact_phone'),
		email: str(fd, 'contact_email'),
		outreach: str(fd, 'contact_outreach'),
		times: str(fd, 'contact_times'),
		message: str(fd, 'contact_message')
	};
}

/** The rows a person reads back: each answered question with its answer. */
export function contactRows(c: ContactDetails): [string, string][] {
	return [
		[m.contact_how(), labelOf(CONTACT_OPTIONS, c.preference)],
		[m.contact_phone_row(), c.phone],
		[m.contact_email_row(), c.email],
		[m.contact_outreach_row(), c.outreach],
		[m.contact_times_row(), c.times],
		[m.contact_message_row(), labelOf(YES_NO_OPTIONS, c.message)]
	].filter((row): row is [string, string] => row[1] !== '');
}

/**
 * A change of contact details from the status page, as the text of a message to the unit. It is
 * sealed exactly like any other message (DESIGN §5.3), so the server never reads it. '' when the
 * reporter gave nothing.
 */
export function contactChangeText(c: ContactDetails): string {
	const rows = contactRows(c);
	if (rows.length === 0) {
		return '';
	}
	return ['New contact details:', ...rows.map(([q, a]) => `${q}: ${a}`)].join('\n');
}
