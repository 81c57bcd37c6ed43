import { expect, type Page } from '@playwright/test';

/** Fills the report form by role and label, as a reporter would, one step at a time (JavaScript
 * on) or all on one page (JavaScript off: the same fields, no steps). */
export const SENTINEL = 'ZEBRA-OTTER-7731';
export const v = (field: string) => `${SENTINEL} ${field}`;

export async function continueTo(page: Page, js: boolean) {
	if (js) {
		await page.getByRole('button', { name: 'Continue' }).click();
	}
}

/** Every visible text box holds a value carrying the sentinel: proof that no field was skipped. */
export async function expectEveryTextboxFilled(page: Page) {
	const boxes = page.getByRole('textbox');
	const count = await boxes.count();
	let visible = 0;
	for (let i = 0; i < count; i++) {
		const box = boxes.nth(i);
		if (!(await box.isVisible())) {
			continue;
		}
		// Date and time pickers are text boxes to assistive technology but take no free text.
		if (['date', 'time'].includes((await box.getAttribute('type')) ?? '')) {
			continue;
		}
		visible++;
		expect(await box.inputValue(), `text box ${i} is empty`).toContain(SENTINEL);
	}
	expect(visible).toBeGreaterThan(0);
}

export interface FillOptions {
	js: boolean;
	/** Fill every text field (the sentinel test) or only what is required. */
	full: boolean;
	files?: { name: string; mimeType: string; buffer: Buffer }[];
}

export async function fillReport(page: Page, { js, full, files = [] }: FillOptions) {
	// Who is making this report (first, so later steps are worded for the right person)
	if (full) {
		await page.getByRole('radio', { name: /I am an outreach or support worker/ }).check();
		await page.getByLabel('Your organisation').fill(v('organisation'));
		await page.getByLabel('How do you know the person?').fill(v('relationship'));
		await page.getByRole('radio', { name: 'Yes, they agreed' }).check();
		if (js) {
			await expectEveryTextboxFilled(page);
		}
	}
	await continueTo(page, js);

	// What happened
	await page.getByRole('checkbox', { name: /Physical assault/ }).check();
	await page.getByRole('checkbox', { name: /Robbery or theft/ }).check();
	await page.getByLabel('Where did it happen?').selectOption('gloucester');
	if (full) {
		await page.getByLabel('Date', { exact: true }).fill('2026-11-20');
		await page.getByLabel('Time (if you know)').fill('23:15');
		await page.getByLabel('Roughly when, in your own words').fill(v('when'));
		await page.getByLabel('Where exactly?').fill(v('location'));
		await page.getByLabel('Tell us what happened').fill(v('narrative'));
		await page.getByLabel(/^Were (you|they) hurt\?$/).fill(v('injuries'));
		await page.getByLabel('Was there a weapon?').fill(v('weapon'));
		if (js) {
			await expectEveryTextboxFilled(page);
		}
	} else {
		await page.getByLabel('Tell us what happened').fill('He took my phone and pushed me.');
	}
	await continueTo(page, js);

	// About the person
	if (full) {
		await page.getByLabel('Name they used').fill(v('name'));
		await page.getByLabel('How old did they look?').fill(v('age'));
		await page.getByLabel('What did they look like?').fill(v('appearance'));
		await page.getByLabel('Accent or language').fill(v('accent'));
		await page.getByLabel('Phone number 1').fill(v('phone1'));
		if (js) {
			await page.getByRole('button', { name: 'Add another phone number' }).click();
			await page.getByLabel('Phone number 2').fill(v('phone2'));
		}
		await page.getByLabel('E-mail address 1').fill(v('email1'));
		await page.getByLabel('Online name or profile 1').fill(v('handle1'));
		const vehicle = page.getByRole('group', { name: 'Vehicle 1' });
		await vehicle.getByLabel('Make').fill(v('make'));
		await vehicle.getByLabel('Model').fill(v('model'));
		await vehicle.getByLabel('Colour').fill(v('colour'));
		await vehicle.getByLabel('Number plate').fill(v('reg'));
		await page.getByLabel(/^How did they contact (you|the person)\?$/).fill(v('contact_method'));
		if (js) {
			await expectEveryTextboxFilled(page);
		}
	}
	await continueTo(page, js);

	// About you
	if (full) {
		await page.getByRole('radio', { name: '25 to 34' }).check();
		await page
			.getByRole('group', { name: 'Is the person this happened to under 18?' })
			.getByRole('radio', { name: 'No', exact: true })
			.check();
		await page.getByRole('checkbox', { name: 'Mental health' }).check();
		await page.getByLabel(/^Anything else about (you|them) we should know\?$/).fill(v('about'));
		if (js) {
			await expectEveryTextboxFilled(page);
		}
	}
	await continueTo(page, js);

	// Consent
	await page.getByRole('radio', { name: /Yes, warn others/ }).check();
	await page.getByRole('radio', { name: /Police may contact me/ }).check();
	if (full) {
		await page.getByRole('radio', { name: 'By phone' }).check();
		await page.getByLabel('Your phone number').fill(v('contact_phone'));
		// With JavaScript the questions for other ways of contact are hidden; without it they
		// show, and what is typed there is not sent, since "By phone" was chosen.
		if (!js) {
			await page.getByLabel('Your e-mail address').fill(v('contact_email'));
			await page.getByLabel('Your outreach or support service').fill(v('contact_outreach'));
		}
		await page.getByLabel('When is it safe to contact you?').fill(v('contact_times'));
		await page
			.getByRole('group', { name: 'Is it safe to leave a message?' })
			.getByRole('radio', { name: 'No', exact: true })
			.check();
		if (js) {
			await expectEveryTextboxFilled(page);
		}
	}
	await continueTo(page, js);

	// Files
	if (files.length > 0) {
		await page.getByLabel('Choose files').setInputFiles(files);
	}
	await continueTo(page, js);
}

/** The body the unit should find after fillReport({ full: true, js: true }). */
export function expectedFullBody(
	fileMeta: { name: string; type: string; size: number; cleaned?: boolean }[]
) {
	return {
		v: 1,
		incident: {
			date: '2026-11-20',
			time: '23:15',
			when: v('when'),
			location: v('location'),
			narrative: v('narrative'),
			injuries: v('injuries'),
			weapon: v('weapon')
		},
		offender: {
			name: v('name'),
			age_range: v('age'),
			appearance: v('appearance'),
			accent: v('accent'),
			phones: [v('phone1'), v('phone2')],
			emails: [v('email1')],
			handles: [v('handle1')],
			vehicles: [
				{ make: v('make'), model: v('model'), colour: v('colour'), registration: v('reg') }
			],
			contact_method: v('contact_method')
		},
		about_you: { age_band: '25_34', vulnerabilities: ['mental_health'], notes: v('about') },
		third_party: {
			organisation: v('organisation'),
			relationship: v('relationship'),
			agreed: 'yes'
		},
		contact: {
			preference: 'phone',
			phone: v('contact_phone'),
			email: '',
			outreach: '',
			safe_times: v('contact_times'),
			leave_message: 'no'
		},
		files: fileMeta
	};
}
