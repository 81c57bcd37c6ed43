import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { PASSPHRASE_MAX, PASSPHRASE_MIN, PASSPHRASE_MIN_SCORE } from './schemas';

let estimator: Promise<ZxcvbnFactory> | undefined;

/** The dictionaries are large, so they load only when a new passphrase is being checked. */
function loadEstimator(): Promise<ZxcvbnFactory> {
	estimator ??= Promise.all([
		import('@zxcvbn-ts/core'),
		import('@zxcvbn-ts/language-common'),
		import('@zxcvbn-ts/language-en')
	]).then(
		([core, common, en]) =>
			new core.ZxcvbnFactory({
				dictionary: { ...common.dictionary, ...en.dictionary },
				graphs: common.adjacencyGraphs,
				translations: en.translations
			})
	);
	return estimator;
}

/**
 * Checks a new passphrase in the browser: the server never sees it, so this is the only place its
 * strength can be judged. Returns a message to show, or null when it is good enough.
 */
export async function passphraseProblem(
	passphrase: string,
	confirm: string,
	context: string[] = []
): Promise<string | null> {
	const length = [...passphrase].length;
	if (length < PASSPHRASE_MIN) {
		return `Use at least ${PASSPHRASE_MIN} characters.`;
	}
	if (length > PASSPHRASE_MAX) {
		return `Use at most ${PASSPHRASE_MAX} characters.`;
	}
	const result = (await loadEstimator()).check(passphrase, [...context, 'safereport']);
	if (result.score < PASSPHRASE_MIN_SCORE) {
		const tip = result.feedback.warning ?? result.feedback.suggestions[0] ?? '';
		return `This passphrase is too easy to guess. ${tip} Try four or more unrelated words.`.replace(
			/\s+/g,
			' '
		);
	}
	if (passphrase !== confirm) {
		return 'The two passphrases do not match.';
	}
	return null;
}
