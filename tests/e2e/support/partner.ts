import { expect, type Page } from '@playwright/test';
import { Authenticator } from './staff';

/** Joins a partner organisation from an invite link in this page, as a new worker would: keys
 * made in the browser, the authenticator confirmed with its first code. */
export async function enrolPartnerWorker(
	page: Page,
	link: string,
	who: { username: string; passphrase: string }
): Promise<Authenticator> {
	await page.goto(link, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { name: /^Join / })).toBeVisible();
	const key = (await page.getByLabel(/Enter this key in the app/).inputValue()).replace(/\s+/g, '');
	const app = new Authenticator(key);
	await page.getByLabel('Username').fill(who.username);
	await page.getByLabel('Passphrase', { exact: true }).fill(who.passphrase);
	await page.getByLabel('Type it again').fill(who.passphrase);
	await page.getByLabel('Code from the app').fill(await app.next());
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page.getByRole('heading', { name: 'Your account is ready' })).toBeVisible();
	return app;
}

/** Signs a partner worker in and waits until their wallet page has opened the wallet (or says
 * they wait for the key). */
export async function signInPartner(
	page: Page,
	portalUrl: string,
	who: { username: string; passphrase: string },
	code: string
): Promise<void> {
	await page.goto(portalUrl + '/partner/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Username').fill(who.username);
	await page.getByLabel('Passphrase').fill(who.passphrase);
	await page.getByLabel('Code from your authenticator app').fill(code);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(portalUrl + '/partner');
	await expect(page.getByText('Opening the wallet in this browser…')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: /report wallet$/ })).toBeVisible();
}

/** A full page load (a reload, a plain form post) forgets the keys this tab held: the wallet page
 * then asks for the passphrase alone, as staff pages do. */
export async function unlockIfLocked(page: Page, passphrase: string): Promise<void> {
	const heading = page.getByRole('heading', { name: 'Unlock your keys' });
	await expect(
		heading.or(page.getByRole('heading', { name: /report wallet$/ })).first()
	).toBeVisible();
	await expect(page.getByText('Opening the wallet in this browser…')).toHaveCount(0);
	if (await heading.isVisible()) {
		await page.getByLabel('Passphrase').fill(passphrase);
		await page.getByRole('button', { name: 'Unlock' }).click();
		await expect(heading).toHaveCount(0);
	}
}
