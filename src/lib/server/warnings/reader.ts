import type { Cookies } from '@sveltejs/kit';
import * as v from 'valibot';
import { BulletinFilterSchema, type BulletinFilter } from '../../report/warning';
import type { Db } from '../db';
import { isReading, READER_COOKIE } from './bulletin-access';

export const NO_FILTER: BulletinFilter = { area: '', type: '', period: 'all' };

/** The reader's token: the 30-day cookie if they chose it, else the one carried in the page. */
export async function readerToken(
	db: Db,
	cookies: Cookies,
	form: FormData | null
): Promise<{ token: string; device: boolean } | null> {
	const cookie = cookies.get(READER_COOKIE);
	if (cookie && (await isReading(db, cookie))) {
		return { token: cookie, device: true };
	}
	const carried = form?.get('token');
	if (typeof carried === 'string' && (await isReading(db, carried))) {
		return { token: carried, device: false };
	}
	return null;
}

/** Filters from a form or a query string; unknown values are reported, never guessed. */
export function readFilter(source: FormData | URLSearchParams): {
	filter: BulletinFilter;
	problem: string | null;
} {
	const raw: Record<string, string> = {};
	for (const name of ['area', 'type', 'period']) {
		const value = source.get(name);
		if (typeof value === 'string' && value !== '') {
			raw[name] = value;
		}
	}
	const parsed = v.safeParse(BulletinFilterSchema, raw);
	return parsed.success
		? { filter: parsed.output, problem: null }
		: { filter: NO_FILTER, problem: parsed.issues[0].message };
}

export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

export const field = (form: FormData | null, name: string): string => {
	const value = form?.get(name);
	return typeof value === 'string' ? value : '';
};
