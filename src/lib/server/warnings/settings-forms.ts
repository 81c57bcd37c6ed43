import * as v from 'valibot';
import { BULLETIN_PASSPHRASE_MAX, BULLETIN_PASSPHRASE_MIN } from './bulletin-access';
import { FEED_LABEL_MAX } from './feed-keys';

export const BulletinPassphraseForm = v.object({
	passphrase: v.pipe(
		v.string(),
		v.check(
			(p) => p.trim().length >= BULLETIN_PASSPHRASE_MIN,
			`Use at least ${BULLETIN_PASSPHRASE_MIN} characters: a few ordinary words are easy to pass on and hard to guess.`
		),
		v.maxLength(BULLETIN_PASSPHRASE_MAX, `Keep it under ${BULLETIN_PASSPHRASE_MAX} characters.`)
	),
	confirm: v.string()
});

export const FeedKeyForm = v.object({
	label: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Name the partner organisation this key is for.'),
		v.maxLength(FEED_LABEL_MAX, `Keep the name under ${FEED_LABEL_MAX} characters.`)
	)
});

export const FeedKeyIdForm = v.object({
	id: v.pipe(v.string(), v.uuid('Reload the page and try again.'))
});
