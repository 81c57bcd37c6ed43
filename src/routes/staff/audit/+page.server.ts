import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { toBase64url } from '$lib/crypto/encoding';
import { requireStaff } from '$lib/server/auth/guard';
import { recordCheckpoint } from '$lib/server/audit/checkpoint-record';
import { auditFilterChoices, listAuditEvents } from '$lib/server/audit/query';
import { AuditQuery, CheckpointForm } from '$lib/server/audit/schema';
import { verifyAuditChain } from '$lib/server/audit/verify';
import { getDb } from '$lib/server/db';
import { verifyAllDeviations } from '$lib/server/deviations/list';
import { acknowledgementsOf } from '$lib/server/deviations/read';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import type { Actions, PageServerLoad } from './$types';

/** The deviation records the listed events are about. */
const deviationIdsIn = (events: { detail: Record<string, unknown> }[]) => [
	...new Set(
		events.flatMap((e) =>
			typeof e.detail.deviation_id === 'string' ? [e.detail.deviation_id] : []
		)
	)
];

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const query = v.safeParse(AuditQuery, Object.fromEntries(event.url.searchParams));
	if (!query.success) {
		error(400, { message: query.issues[0].message, code: 'invalid' });
	}
	const filters = query.output;
	const db = await getDb();
	const [page, choices, chain, records] = await Promise.all([
		listAuditEvents(
			db,
			{
				actor: filters.actor || undefined,
				action: filters.action || undefined,
				subject: filters.report ? filters.report.toUpperCase() : undefined,
				from: filters.from || undefined,
				to: filters.to || undefined
			},
			filters.before ? Number(filters.before) : undefined
		),
		auditFilterChoices(db),
		verifyAuditChain(db),
		verifyAllDeviations(db)
	]);
	return {
		me: toMe(admin),
		filters: { ...filters, before: undefined },
		events: page.items,
		acknowledgements: await acknowledgementsOf(db, deviationIdsIn(page.items)),
		nextBefore: page.nextBefore,
		choices,
		chain: chain.ok
			? {
					ok: true as const,
					count: chain.count,
					headSeq: chain.headSeq,
					headHash: toBase64url(chain.headHash)
				}
			: {
					ok: false as const,
					count: chain.count,
					brokenSeq: chain.brokenSeq,
					reason: chain.reason
				},
		records
	};
}) satisfies PageServerLoad;

export const actions = {
	checkpoint: async (event) => {
		const admin = requireStaff(event, 'admin');
		return refusalsAsFailures(async () => {
			const form = parseWith(CheckpointForm, await formFields(event.request));
			const checkpoint = await recordCheckpoint(await getDb(), admin, form.body, form.signature);
			return { checkpoint };
		});
	}
} satisfies Actions;
