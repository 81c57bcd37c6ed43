import { m } from '$lib/paraglide/messages';
import { BROWSER_CLEANABLE, cleaningMark, isPicture } from '../pictures';

/** Pictures are redrawn on a canvas before they are encrypted: the new file holds the pixels and
 * nothing else, so EXIF data (GPS position, phone model, time) never leaves the phone. */
export const isCleanableImage = (file: File) => BROWSER_CLEANABLE.includes(file.type);

/** A picture this browser cannot redraw (HEIC and the like): sent as it is, marked, and the
 * reporter is told when choosing it. */
export const cannotClean = (file: File) =>
	isPicture(file.type, file.name) && !isCleanableImage(file);

/** The file entry's cleaning mark for a file that has been through cleanImage. */
export const browserCleaningMark = (file: File) =>
	cleaningMark(file.type, file.name, isCleanableImage(file));

export class ImageCleanError extends Error {}

export async function cleanImage(file: File): Promise<File> {
	if (!isCleanableImage(file)) {
		return file;
	}
	try {
		// createImageBitmap applies the EXIF rotation, so the picture still shows the right way up.
		const bitmap = await createImageBitmap(file);
		const canvas = document.createElement('canvas');
		canvas.width = bitmap.width;
		canvas.height = bitmap.height;
		const context = canvas.getContext('2d');
		if (!context) {
			throw new Error('no canvas');
		}
		context.drawImage(bitmap, 0, 0);
		bitmap.close();
		const blob = await new Promise<Blob | null>((resolve) =>
			canvas.toBlob(resolve, file.type, 0.92)
		);
		if (!blob) {
			throw new Error('no blob');
		}
		return new File([blob], file.name, { type: blob.type });
	} catch {
		throw new ImageCleanError(m.files_clean_failed({ name: file.name }));
	}
}
