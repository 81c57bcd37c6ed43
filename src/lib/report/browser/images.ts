/** Pictures are redrawn on a canvas before they are encrypted: the new file holds the pixels and
 * nothing else, so EXIF data (GPS position, phone model, time) never leaves the phone. */
const CLEANABLE = ['image/jpeg', 'image/png', 'image/webp'];

export const isCleanableImage = (file: File) => CLEANABLE.includes(file.type);

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
		throw new ImageCleanError(
			`We could not clean the picture "${file.name}" of hidden details. Try a screenshot of it instead.`
		);
	}
}
