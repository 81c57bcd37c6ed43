import { m } from '$lib/paraglide/messages';
import { MAX_FILE_BYTES, MAX_FILES } from '$lib/report/limits';

/** The reporter's file check (the same limits as `fileProblem` in report/limits, which server
 * and tool code keep in English), worded in the page's language: what is wrong, or null. */
export function fileProblemWords(files: readonly { name: string; size: number }[]): string | null {
	if (files.length > MAX_FILES) {
		return m.files_too_many({ max: MAX_FILES });
	}
	const big = files.find((f) => f.size > MAX_FILE_BYTES);
	return big ? m.files_too_big({ name: big.name }) : null;
}

/** Said to the reporter about pictures that went out not cleaned (empty when there were none). */
export const notCleanedWords = (names: string[]): string =>
	names.length === 0
		? ''
		: m.files_not_cleaned_notice({ names: names.map((n) => `"${n}"`).join(', ') });
