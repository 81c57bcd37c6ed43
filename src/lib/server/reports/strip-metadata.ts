/**
 * Removes the metadata blocks (EXIF with GPS, XMP, comments, text chunks) that it can find in
 * JPEG, PNG and WebP files, without decoding the picture. Only a best effort for pictures that
 * cannot be redrawn (clean-picture.ts): a file it cannot parse comes back unchanged, and such a
 * file is always marked "not cleaned", never trusted because of this.
 */
export function stripImageMetadata(bytes: Uint8Array): Uint8Array {
	try {
		if (bytes[0] === 0xff && bytes[1] === 0xd8) {
			return stripJpeg(bytes);
		}
		if (isPng(bytes)) {
			return stripPng(bytes);
		}
		if (isWebp(bytes)) {
			return stripWebp(bytes);
		}
	} catch {
		// Malformed: leave it as the reporter sent it.
	}
	return bytes;
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
	String.fromCharCode(...bytes.subarray(start, start + length));

function join(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** Keeps APP0 (JFIF) and APP14 (Adobe colour transform); drops APP1–APP13, APP15 and comments. */
function stripJpeg(bytes: Uint8Array): Uint8Array {
	const parts: Uint8Array[] = [bytes.subarray(0, 2)];
	let offset = 2;
	while (offset < bytes.length) {
		if (bytes[offset] !== 0xff) {
			throw new Error('not a marker');
		}
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0xda || marker === 0xd9) {
			// Start of scan: the rest is picture data.
			parts.push(bytes.subarray(offset));
			return join(parts);
		}
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			parts.push(bytes.subarray(offset, offset + 2));
			offset += 2;
			continue;
		}
		const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
		if (length < 2 || offset + 2 + length > bytes.length) {
			throw new Error('bad segment');
		}
		const drop = (marker >= 0xe1 && marker <= 0xed) || marker === 0xef || marker === 0xfe;
		if (!drop) {
			parts.push(bytes.subarray(offset, offset + 2 + length));
		}
		offset += 2 + length;
	}
	throw new Error('no image data');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (bytes: Uint8Array) => PNG_SIGNATURE.every((b, i) => bytes[i] === b);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const parts: Uint8Array[] = [bytes.subarray(0, 8)];
	let offset = 8;
	while (offset < bytes.length) {
		const length = view.getUint32(offset);
		const type = ascii(bytes, offset + 4, 4);
		const end = offset + 12 + length;
		if (end > bytes.length) {
			throw new Error('bad chunk');
		}
		if (!PNG_DROP.has(type)) {
			parts.push(bytes.subarray(offset, end));
		}
		offset = end;
		if (type === 'IEND') {
			break;
		}
	}
	return join(parts);
}

const isWebp = (bytes: Uint8Array) =>
	bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP';

function stripWebp(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const parts: Uint8Array[] = [];
	let offset = 12;
	while (offset + 8 <= bytes.length) {
		const type = ascii(bytes, offset, 4);
		const size = view.getUint32(offset + 4, true);
		const end = offset + 8 + size + (size % 2);
		if (end > bytes.length) {
			throw new Error('bad chunk');
		}
		if (type === 'VP8X') {
			const chunk = bytes.slice(offset, end);
			chunk[8] &= ~(0x08 | 0x04); // the EXIF and XMP flags
			parts.push(chunk);
		} else if (type !== 'EXIF' && type !== 'XMP ') {
			parts.push(bytes.subarray(offset, end));
		}
		offset = end;
	}
	const body = join(parts);
	const out = new Uint8Array(12 + body.length);
	out.set(bytes.subarray(0, 12));
	new DataView(out.buffer).setUint32(4, 4 + body.length, true);
	out.set(body, 12);
	return out;
}
