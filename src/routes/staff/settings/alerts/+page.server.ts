import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { dismissFailedAlerts } from '$lib/server/alerts/dismiss';
import { alertProblems } from '$lib/server/alerts/outbox';
import { smtpConfig } from '$lib/server/alerts/send';
import {
	AlertSettingsForm,
	loadAlertSettings,
	MAX_RECIPIENTS,
	saveAlertSettings
} from '$lib/server/alerts/settings';
import { serverNow } from '$lib/server/clock';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import type { AlertProblem } from '$lib/api/alerts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	const problems = await alertProblems(db, serverNow());
	return {
		me: toMe(admin),
		settings: await loadAlertSettings(db),
		smtpReady: smtpConfig() !== null,
		maxRecipients: MAX_RECIPIENTS,
		problems: problems.rows as AlertProblem[]
	};
}) satisfies PageServerLoad;

export const actions = {
	save: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(AlertSettingsForm, await formFields(event.request));
			const { changed } = await saveAlertSettings(await getDb(), admin, form);
			return { saved: changed.length };
		}),
	dismiss: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			await formFields(event.request);
			return { dismissed: await dismissFailedAlerts(await getDb(), admin) };
		})
} satisfies Actions;
