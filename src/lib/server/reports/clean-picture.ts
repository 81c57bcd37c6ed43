import sharp from 'sharp';
import { MAX_FILE_BYTES } from '../../report/limits';
import { isPicture } from '../../report/pictures';
import { stripImageMetadata } from './strip-metadata';

export interface CleanedFile {
	name: string;
	type: string;
	bytes: Uint8Array;
	/** Pictures only: whether the hidden details were certainly removed. */
	cleaned?: boolean;
}

// libvips keeps recent operations in memory by default: a reporter's photo must not outlive its
// request (the no-JavaScript path forgets plaintext as soon as it is sealed).
sharp.cache(false);

// Pictures larger than this are not decoded (a decompression bomb); they go out "not cleaned".
const MAX_PIXELS = 100_000_000;

/** The output format for a decoded picture: the same where the app shows it inline, else JPEG. */
const OUTPUT = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/png' };
const DECODED = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);
const EXTENSION: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

const MAGIC: [number, number[]][] = [
	[0, [0xff, 0xd8]], // JPEG (a stray byte may follow: the decoder copes)
	[0, [0x89, 0x50, 0x4e, 0x47]], // PNG
	[0, [0x47, 0x49, 0x46, 0x38]], // GIF
	[8, [0x57, 0x45, 0x42, 0x50]], // RIFF....WEBP
	[4, [0x66, 0x74, 0x79, 0x70]], // ISO-BMFF ftyp: HEIC, HEIF, AVIF
	[0, [0x49, 0x49, 0x2a, 0x00]], // TIFF, little-endian
	[0, [0x4d, 0x4d, 0x00, 0x2a]] // TIFF, big-endian
];
const looksLikePicture = (bytes: Uint8Array) =>
	MAGIC.some(([at, sig]) => sig.every((b, i) => bytes[at + i] === b));

const renamed = (name: string, type: string) =>
	name.replace(/(\.[A-Za-z0-9]{1,5})?$/, `.${EXTENSION[type]}`);

/**
 * The no-JavaScript path's photo cleaning, which fails closed: a picture is decoded and drawn
 * afresh (pixels only, turned the right way up), so nothing but the picture survives, whatever
 * the file carried (EXIF, GPS, XMP, a second embedded image, trailing data). A picture that cannot
 * be decoded (HEIC without a licensed decoder, corrupt data) keeps its bytes, with the metadata
 * blocks we can find removed as a best effort, and is marked `cleaned: false`: the unit is told,
 * and the reporter was told before sending. Other files are passed through unchanged.
 */
export async function cleanFile(
	name: string,
	type: string,
	input: Uint8Array
): Promise<CleanedFile> {
	const sniffed = looksLikePicture(input);
	if (!isPicture(type, name) && !sniffed) {
		return { name, type, bytes: input };
	}
	try {
		// Only raster formats reach the decoder: an SVG (or anything else) named .png is not drawn.
		if (!sniffed) {
			throw new Error('not a raster picture');
		}
		// failOn 'none': a stray byte is a warning to the decoder, not a reason to keep the metadata.
		const image = sharp(input, { failOn: 'none', limitInputPixels: MAX_PIXELS, animated: false });
		const { format } = await image.metadata();
		if (!DECODED.has(format)) {
			throw new Error('not a raster picture');
		}
		const chosen = OUTPUT[format as keyof typeof OUTPUT] ?? 'image/jpeg';
		const redrawn = image.autoOrient();
		const encoded =
			chosen === 'image/png'
				? redrawn.png()
				: chosen === 'image/webp'
					? redrawn.webp({ quality: 92 })
					: redrawn.flatten({ background: '#ffffff' }).jpeg({ quality: 92 });
		let bytes = new Uint8Array(await encoded.toBuffer());
		let outType = chosen;
		if (bytes.length > MAX_FILE_BYTES) {
			// Redrawn bigger than the file limit (a PNG of a photo, say): a smaller JPEG instead.
			outType = 'image/jpeg';
			bytes = new Uint8Array(
				await image.flatten({ background: '#ffffff' }).jpeg({ quality: 75 }).toBuffer()
			);
			if (bytes.length > MAX_FILE_BYTES) {
				throw new Error('too large once redrawn');
			}
		}
		return {
			name: outType === type ? name : renamed(name, outType),
			type: outType,
			bytes,
			cleaned: true
		};
	} catch {
		return { name, type, bytes: stripImageMetadata(input), cleaned: false };
	}
}
