/**
 * Which files are pictures, for the promise "photos are cleaned of hidden details" (DESIGN §5.2).
 * A picture that cannot be cleaned is still sent, marked `cleaned: false` in its file entry so the
 * unit knows, and the reporter is told before sending. Other files are never promised cleaning.
 */
const PICTURE_NAME = /\.(jpe?g|jfif|png|webp|gif|heic|heif|hif|avif|tiff?|bmp|dng)$/i;

export const isPicture = (type: string, name: string): boolean =>
	(type.startsWith('image/') && type !== 'image/svg+xml') || PICTURE_NAME.test(name);

/** What a browser can redraw on a canvas and write back in the same format. */
export const BROWSER_CLEANABLE = ['image/jpeg', 'image/png', 'image/webp'];

/** The file entry's mark: true when cleaned, false when a picture could not be, absent otherwise. */
export const cleaningMark = (type: string, name: string, cleaned: boolean) =>
	isPicture(type, name) ? { cleaned } : {};

export const NOT_CLEANED_FOR_STAFF =
	'Not cleaned: this picture could not be cleaned and may still hold its location, time and phone details.';

/** Said to the reporter about pictures that went out not cleaned (empty when there were none). */
export const notCleanedNotice = (names: string[]): string =>
	names.length === 0
		? ''
		: `We could not clean ${names.map((n) => `"${n}"`).join(', ')}, so ${names.length === 1 ? 'it was' : 'they were'} sent as ${names.length === 1 ? 'it was' : 'they were'}. The unit knows it may still show where and when it was taken.`;

/** Said before sending, next to every file input: the promise, and where it stops. */
export const CLEANING_PROMISE =
	'Photos are cleaned of hidden details, such as where they were taken. A photo we cannot clean (for example an iPhone HEIC photo) is sent as it is, and the unit is told. Other files keep their hidden details.';
