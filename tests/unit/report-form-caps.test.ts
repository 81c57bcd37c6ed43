import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ReportBodySchema } from '../../src/lib/report/body';
import { draftFromFormData, LIST_LIMITS } from '../../src/lib/report/form';

/** The schema's own maximum for a list, read from the schema rather than copied. */
function schemaMax(section: 'offender' | 'about_you', field: string): number {
	const list = (ReportBodySchema.entries[section].entries as Record<string, v.GenericSchema>)[
		field
	];
	const max = (list as unknown as { pipe: { type: string; requirement: number }[] }).pipe.find(
		(p) => p.type === 'max_length'
	);
	return max!.requirement;
}

describe('reading the report form caps every repeated field at the schema maximum', () => {
	it('keeps at most the schema maximum of each list, however many rows are posted', () => {
		const fd = new FormData();
		for (let i = 0; i < 300; i++) {
			for (const name of ['phone', 'email', 'handle', 'types', 'vulnerabilities']) {
				fd.append(name, `${name}${i}`);
			}
			for (const part of ['make', 'model', 'colour', 'reg']) {
				fd.append(`vehicle_${part}`, `v${i}`);
			}
		}
		const draft = draftFromFormData(fd);
		expect(draft.phone).toHaveLength(schemaMax('offender', 'phones'));
		expect(draft.email).toHaveLength(schemaMax('offender', 'emails'));
		expect(draft.handle).toHaveLength(schemaMax('offender', 'handles'));
		expect(draft.vehicles).toHaveLength(schemaMax('offender', 'vehicles'));
		expect(draft.vulnerabilities).toHaveLength(schemaMax('about_you', 'vulnerabilities'));
		expect(draft.types).toHaveLength(LIST_LIMITS.types);
		// The first rows are the ones kept, in order.
		expect(draft.phone[0]).toBe('phone0');
		expect(draft.vehicles[9]).toEqual({
			make: 'v9',
			model: 'v9',
			colour: 'v9',
			registration: 'v9'
		});
	});

	it('keeps every row of a list within its maximum', () => {
		const fd = new FormData();
		for (let i = 0; i < 3; i++) {
			fd.append('phone', `0770090012${i}`);
		}
		expect(draftFromFormData(fd).phone).toEqual(['07700900120', '07700900121', '07700900122']);
	});
});
