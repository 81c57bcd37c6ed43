import { crc32 } from 'node:zlib';
import exifr from 'exifr';
import piexif from 'piexifjs';
import sharp from 'sharp';

/**
 * Real pictures carrying a GPS position (Gloucester Cathedral) in each shape that has slipped past
 * a metadata stripper: a JPEG with a second image embedded, a JPEG with one stray byte, a HEIC-like
 * file, a PNG with an eXIf chunk.
 */

/** EXIF with a GPS position, a camera model and a timestamp: what a phone photo leaks. */
export const gpsExif = (thumbnail?: Buffer): string =>
	piexif.dump({
		'0th': { [piexif.ImageIFD.Make]: 'TestPhone', [piexif.ImageIFD.Model]: 'Model 7' },
		Exif: { [piexif.ExifIFD.DateTimeOriginal]: '2026:11:20 23:14:00' },
		GPS: {
			[piexif.GPSIFD.GPSLatitudeRef]: 'N',
			[piexif.GPSIFD.GPSLatitude]: [
				[51, 1],
				[52, 1],
				[2, 1]
			],
			[piexif.GPSIFD.GPSLongitudeRef]: 'W',
			[piexif.GPSIFD.GPSLongitude]: [
				[2, 1],
				[14, 1],
				[49, 1]
			]
		},
		...(thumbnail ? { '1st': {}, thumbnail: thumbnail.toString('binary') } : {})
	});

const solid = (width: number, height: number, r: number) =>
	sharp({ create: { width, height, channels: 3, background: { r, g: 80, b: 40 } } });

async function gpsJpeg(width: number, height: number, thumbnail?: Buffer): Promise<Buffer> {
	const plain = await solid(width, height, 200).jpeg().toBuffer();
	return Buffer.from(piexif.insert(gpsExif(thumbnail), plain.toString('binary')), 'binary');
}

/** A JPEG whose EXIF thumbnail is itself a JPEG with GPS, followed (as multi-picture photos are)
 * by a second full JPEG with its own GPS after the first one's end. */
export async function jpegWithSecondImage(): Promise<Buffer> {
	const thumbnail = await solid(16, 12, 90).jpeg().toBuffer();
	return Buffer.concat([await gpsJpeg(64, 48, thumbnail), await gpsJpeg(32, 24)]);
}

/** A JPEG with GPS and one stray byte between its start and its EXIF segment. */
export async function jpegWithStrayByte(): Promise<Buffer> {
	const jpeg = await gpsJpeg(64, 48);
	return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0x00]), jpeg.subarray(2)]);
}

/** An ISO-BMFF file branded HEIC holding EXIF with GPS: no decoder here can draw it. */
export function heicLike(): Buffer {
	const box = (type: string, body: Buffer) => {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(8 + body.length);
		head.write(type, 4, 'ascii');
		return Buffer.concat([head, body]);
	};
	const ftyp = box('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'binary'));
	const exif = Buffer.from(gpsExif(), 'binary');
	return Buffer.concat([ftyp, box('mdat', Buffer.concat([Buffer.alloc(4), exif]))]);
}

/** A PNG with an eXIf chunk (raw TIFF with GPS) before its picture data. */
export async function pngWithExif(): Promise<Buffer> {
	const png = await solid(64, 48, 30).png().toBuffer();
	const tiff = Buffer.from(gpsExif(), 'binary').subarray(6); // drop "Exif\0\0"
	const typeAndData = Buffer.concat([Buffer.from('eXIf'), tiff]);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(tiff.length);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	const ihdrEnd = 8 + 8 + 13 + 4;
	return Buffer.concat([png.subarray(0, ihdrEnd), length, typeAndData, crc, png.subarray(ihdrEnd)]);
}

/** Every GPS position readable anywhere in the bytes: each TIFF header (EXIF blocks, thumbnails,
 * appended images, eXIf chunks) is handed to exifr, not only the first one a viewer would read. */
export async function gpsAnywhere(bytes: Uint8Array): Promise<{ latitude: number }[]> {
	const buffer = Buffer.from(bytes);
	const found: { latitude: number }[] = [];
	for (const header of [Buffer.from('II*\0', 'binary'), Buffer.from('MM\0*', 'binary')]) {
		for (let at = buffer.indexOf(header); at >= 0; at = buffer.indexOf(header, at + 1)) {
			const gps = await exifr.gps(buffer.subarray(at)).catch(() => undefined);
			if (gps && Number.isFinite(gps.latitude)) {
				found.push(gps);
			}
		}
	}
	return found;
}
