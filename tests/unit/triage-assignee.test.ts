import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { TriageSchema } from '../../src/lib/server/triage/schemas';

const triage = (assignee_id: unknown) => ({
	team: 'RASSO',
	status: 'new',
	outcome: null,
	assignee_id,
	grade: null,
	thrive: null,
	rationale: null,
	reporter_message: null
});

describe('triage input', () => {
	it('refuses an empty assignee id as a field error instead of passing it to the database', () => {
		const result = v.safeParse(TriageSchema, triage(''));
		expect(result.success).toBe(false);
		expect(result.issues?.[0].path?.map((p) => p.key)).toEqual(['assignee_id']);
	});

	it('takes null for nobody and an id for a member', () => {
		expect(v.safeParse(TriageSchema, triage(null)).success).toBe(true);
		expect(v.safeParse(TriageSchema, triage('a8a2c1e6-0000-4000-8000-000000000001')).success).toBe(
			true
		);
	});
});
