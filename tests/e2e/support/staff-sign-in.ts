import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { MadeMember } from '../../../src/lib/server/demo/staff';

/** A page in a browser context of its own (as on another machine), failing the test on any
 * uncaught error in the page. The context is added to `contexts` for the spec to close. */
export async function newStaffPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
	const context = await browser.newContext();
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (e) => {
		throw e;
	});
	return page;
}

/**
 * Signs a member in with a fresh authenticator code and waits until the page can be used: the
 * form is hydrated before it is filled (it derives keys in the browser), the keys are unlocked,
 * and for members who hold the keyring the queue's indexing of new reports has finished (a link
 * clicked while it runs would be overtaken by its reload).
 */
export async function signInStaff(
	page: Page,
	portalUrl: string,
	who: Pick<MadeMember, 'username' | 'passphrase' | 'role'>,
	code: string
): Promise<void> {
	await page.goto(portalUrl + '/staff/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Username').fill(who.username);
	await page.getByLabel('Passphrase').fill(who.passphrase);
	await page.getByLabel('Code from your authenticator app').fill(code);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(portalUrl + '/staff');
	await expect(page.getByText('Keys unlocked in this tab.')).toBeVisible();
	if (who.role !== 'analyst') {
		await expect(
			page.getByRole('status').filter({ hasText: /shared identifiers( are up to date)?\./i })
		).toBeVisible();
	}
}
