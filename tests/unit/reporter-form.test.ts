import { describe, expect, it } from 'vitest';
import { ShiftCounter } from '../../src/lib/report/browser/leaving';
import {
	askedContact,
	contactChangeText,
	type ContactDetails
} from '../../src/lib/report/contact-details';
import { emptyDraft } from '../../src/lib/report/form';
import { reviewSections, whatWillBeSent, whenInWords } from '../../src/lib/report/review';
import { sealedWhere } from '../../src/lib/staff/report/labels';

/** Key events as a keyboard sends them: a capital is Shift down, the letter, Shift up. */
function typeWith(counter: ShiftCounter, text: string, start = 0): boolean {
	let now = start;
	let fired = false;
	for (const ch of text) {
		now += 120;
		if (/[A-Z]/.test(ch)) {
			counter.keydown('Shift', false);
			counter.keydown(ch, false);
			fired ||= counter.keyup(ch, now);
			fired ||= counter.keyup('Shift', now);
		} else {
			counter.keydown(ch, false);
			fired ||= counter.keyup(ch, now);
		}
	}
	return fired;
}

function bareShifts(counter: ShiftCounter, times: number, start: number, gap = 300): boolean {
	let fired = false;
	for (let i = 0; i < times; i++) {
		counter.keydown('Shift', false);
		fired ||= counter.keyup('Shift', start + i * gap);
	}
	return fired;
}

describe('quick exit shortcut (GOV.UK Exit this page)', () => {
	it('does not fire while a sentence with capitals is typed', () => {
		expect(typeWith(new ShiftCounter(), 'He said No. I left at Ten. OK?')).toBe(false);
	});

	it('fires on three bare presses of Shift in a row', () => {
		expect(bareShifts(new ShiftCounter(), 3, 0)).toBe(true);
	});

	it('starts again after any other key, and after 5 seconds', () => {
		const counter = new ShiftCounter();
		expect(bareShifts(counter, 2, 0)).toBe(false);
		typeWith(counter, 'a', 700);
		expect(bareShifts(counter, 1, 900)).toBe(false);
		const slow = new ShiftCounter();
		expect(bareShifts(slow, 3, 0, 2600)).toBe(false);
	});

	it('does not count a held Shift repeating, nor Shift used for a capital', () => {
		const counter = new ShiftCounter();
		counter.keydown('Shift', false);
		counter.keydown('Shift', true);
		counter.keydown('Shift', true);
		expect(counter.keyup('Shift', 10)).toBe(false);
		expect(typeWith(counter, 'A', 20)).toBe(false);
		expect(bareShifts(counter, 1, 400)).toBe(false);
	});
});

const full = () => ({
	...emptyDraft('2026-11'),
	reporter: 'outreach',
	tp_organisation: 'ORG-1',
	tp_relationship: 'REL-2',
	tp_agreed: 'yes',
	types: ['robbery'],
	date: '2026-11-03',
	time: '22:30',
	when: 'WHEN-3',
	area: 'gloucester',
	location: 'LOC-4',
	narrative: 'NARR-5',
	injuries: 'INJ-6',
	weapon: 'WPN-7',
	off_name: 'NAME-8',
	off_age: 'AGE-9',
	off_appearance: 'LOOK-10',
	off_accent: 'ACC-11',
	phone: ['PH-12', 'PH-13'],
	email: ['EM-14'],
	handle: ['HD-15'],
	vehicles: [{ make: 'MK-16', model: 'MD-17', colour: 'CL-18', registration: 'RG-19' }],
	contact_method: 'CM-20',
	age_band: '18_24',
	under18: 'unsure',
	vulnerabilities: ['language'],
	about_notes: 'NOTE-21',
	warn: 'yes',
	police: 'contact',
	contact_preference: 'phone',
	contact_phone: 'MYPHONE-22',
	contact_email: 'NOT-SENT-23',
	contact_outreach: 'NOT-SENT-24',
	contact_times: 'TIMES-25',
	contact_message: 'no'
});

describe('check and send', () => {
	it('writes dates in words, not ISO', () => {
		expect(whenInWords('2026-11-03', '22:30', '2026-11')).toBe(
			'Tuesday 3 November 2026, about 22:30'
		);
		expect(whenInWords('', '', '2026-02')).toBe('February 2026');
		expect(whenInWords('', '07:05', '2026-02')).toBe('February 2026, about 07:05');
	});

	it('shows every answer that will be sent, grouped, and nothing that will not', () => {
		const sections = reviewSections(full(), ['photo.jpg']);
		const text = JSON.stringify(sections);
		for (const answer of [
			'I am an outreach or support worker',
			'ORG-1',
			'REL-2',
			'Yes, they agreed',
			'Tuesday 3 November 2026, about 22:30',
			'WHEN-3',
			'LOC-4',
			'NARR-5',
			'INJ-6',
			'WPN-7',
			'NAME-8',
			'AGE-9',
			'LOOK-10',
			'ACC-11',
			'PH-12, PH-13',
			'EM-14',
			'HD-15',
			'CL-18 MK-16 MD-17 RG-19',
			'CM-20',
			'18 to 24',
			'Not sure',
			'English is not their first language',
			'NOTE-21',
			'Police may contact me',
			'By phone',
			'MYPHONE-22',
			'TIMES-25',
			'photo.jpg'
		]) {
			expect(text, answer).toContain(answer);
		}
		expect(text).not.toContain('NOT-SENT');
		expect(text).not.toContain('2026-11-03');
		expect(sections.map((s) => s.step)).toEqual([
			'who',
			'what',
			'person',
			'you',
			'consent',
			'files'
		]);
		expect(sections.find((s) => s.step === 'you')?.title).toBe(
			'About the person you are reporting for'
		);
	});

	it('sends no third-party answers for a report about oneself, and no contact without consent', () => {
		const sent = whatWillBeSent({ ...full(), reporter: 'self', police: 'intelligence' });
		expect(sent.tp_organisation).toBe('');
		expect(sent.contact_phone).toBe('');
		expect(sent.contact_times).toBe('');
		expect(JSON.stringify(reviewSections(sent, []))).not.toContain('ORG-1');
	});

	it('says a skipped under-18 question is read as no', () => {
		const text = JSON.stringify(reviewSections({ ...full(), under18: '' }, []));
		expect(text).toContain('Not answered (read as no)');
	});
});

describe('contact details changed from the status page', () => {
	const given: ContactDetails = {
		preference: 'email',
		phone: 'PHONE',
		email: 'me@example.org',
		outreach: 'OUT',
		times: 'after 2pm',
		message: 'yes'
	};
	it('become a message with only the answers that apply', () => {
		const text = contactChangeText(askedContact(given, 'contact'));
		expect(text).toContain('By e-mail');
		expect(text).toContain('me@example.org');
		expect(text).toContain('after 2pm');
		expect(text).not.toContain('PHONE');
		expect(text).not.toContain('OUT');
	});
	it('are not sent when the police may not make contact', () => {
		expect(contactChangeText(askedContact(given, 'intelligence'))).toBe('');
	});
});

describe('evidence view', () => {
	it('says a server-sealed report was sealed on the server without guessing why', () => {
		expect(sealedWhere('server').toLowerCase()).toContain('sealed on the server');
		expect(sealedWhere('server')).not.toMatch(/javascript/i);
	});
});
