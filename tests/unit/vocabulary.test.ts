import { describe, expect, it } from 'vitest';
import { fileProblem, MAX_FILE_BYTES, MAX_FILES } from '../../src/lib/report/limits';
import { REPORT_REF_PATTERN } from '../../src/lib/report/vocabulary';
import { newReportRef } from '../../src/lib/server/ids';
import { staffTime } from '../../src/lib/staff/time';

describe('shared vocabulary', () => {
	it('the one report reference pattern takes every reference the server makes, and no other', () => {
		for (let i = 0; i < 200; i++) {
			expect(newReportRef()).toMatch(REPORT_REF_PATTERN);
		}
		for (const bad of [
			'SR-AAAA-BBBI',
			'SR-OOOO-0000',
			'SR-LUUU-0000',
			'sr-aaaa-bbbb',
			'SR-AAAA-BBB'
		]) {
			expect(bad).not.toMatch(REPORT_REF_PATTERN);
		}
	});

	it('staff times are UK time, labelled GMT or BST', () => {
		expect(staffTime('2026-11-30T17:55:02.000Z')).toBe('30 Nov 2026, 17:55:02 GMT');
		expect(staffTime('2026-07-01T17:55:02.000Z')).toBe('1 Jul 2026, 18:55:02 BST');
		expect(staffTime(null)).toBe('—');
		expect(staffTime('not a time')).toBe('not a time');
	});

	it('one file check, one set of words, for the form, the status page and the server', () => {
		const file = (name: string, size = 10) => ({ name, size });
		expect(fileProblem([])).toBeNull();
		expect(fileProblem([file('a.jpg', MAX_FILE_BYTES)])).toBeNull();
		expect(fileProblem(Array.from({ length: MAX_FILES + 1 }, (_, i) => file(`${i}.jpg`)))).toBe(
			`You can add up to ${MAX_FILES} files.`
		);
		expect(fileProblem([file('ok.jpg'), file('huge.mov', MAX_FILE_BYTES + 1)])).toBe(
			'"huge.mov" is bigger than 10 MB. Each file can be up to 10 MB.'
		);
	});
});
