import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listDeviations } from '$lib/server/deviations/list';
import { toMe } from '$lib/server/staff/repository';
import type { PageServerLoad } from './$types';

const Query = v.object({
	before: v.optional(v.pipe(v.string(), v.regex(/^[^|]{1,40}\|[0-9a-f-]{36}$/))),
	recorded: v.optional(v.pipe(v.string(), v.uuid()))
});

export const load = (async (event) => {
	const staff = requireStaff(event, 'reviewer', 'admin');
	const query = v.safeParse(Query, Object.fromEntries(event.url.searchParams));
	if (!query.success) {
		error(400, { message: 'That page link is not right.', code: 'invalid' });
	}
	const [at, id] = query.output.before?.split('|') ?? [];
	const { items, next } = await listDeviations(
		await getDb(),
		at && id ? { before: { at, id } } : {}
	);
	return {
		me: toMe(staff),
		items,
		next: next ? `${next.at}|${next.id}` : null,
		recorded: query.output.recorded ?? null
	};
}) satisfies PageServerLoad;
