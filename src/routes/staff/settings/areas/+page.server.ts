import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { changeArea } from '$lib/server/settings/areas';
import { AreaCodeForm, NewAreaForm, RenameAreaForm } from '$lib/server/settings/forms';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import { AREA_LABEL_MAX, AREA_UNKNOWN } from '$lib/report/areas';
import type { Actions, PageServerLoad } from './$types';

/** The area list itself comes with every page (the root layout), so the form and this page agree. */
export const load = ((event) => {
	const admin = requireStaff(event, 'admin');
	return { me: toMe(admin), labelMax: AREA_LABEL_MAX, fixed: AREA_UNKNOWN };
}) satisfies PageServerLoad;

export const actions = {
	add: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { label } = parseWith(NewAreaForm, await formFields(event.request));
			const area = await changeArea(await getDb(), admin, { kind: 'add', label });
			return { done: `Added “${area.label}”. Reporters can choose it now.` };
		}),
	rename: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { code, label } = parseWith(RenameAreaForm, await formFields(event.request));
			const area = await changeArea(await getDb(), admin, { kind: 'rename', code, label });
			return { done: `Renamed to “${area.label}”, on new and old reports alike.` };
		}),
	retire: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { code } = parseWith(AreaCodeForm, await formFields(event.request));
			const area = await changeArea(await getDb(), admin, { kind: 'retire', code });
			return {
				done: `Retired “${area.label}”. It is gone from the report form; old reports keep it.`
			};
		}),
	restore: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { code } = parseWith(AreaCodeForm, await formFields(event.request));
			const area = await changeArea(await getDb(), admin, { kind: 'restore', code });
			return { done: `“${area.label}” is back on the report form.` };
		})
} satisfies Actions;
