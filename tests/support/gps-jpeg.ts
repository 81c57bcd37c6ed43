import type { Browser } from '@playwright/test';
import piexif from 'piexifjs';
import { gpsExif } from './gps-pictures';

/** A small JPEG drawn on a canvas, then given EXIF with a GPS position (Gloucester Cathedral),
 * a camera model and a timestamp: what a phone photo leaks. */
export async function makeGpsJpeg(browser: Browser): Promise<Buffer> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const dataUrl = await page.evaluate(() => {
		const canvas = document.createElement('canvas');
		canvas.width = 64;
		canvas.height = 48;
		const ctx = canvas.getContext('2d')!;
		ctx.fillStyle = '#c33';
		ctx.fillRect(0, 0, 64, 48);
		ctx.fillStyle = '#fff';
		ctx.fillRect(16, 12, 32, 24);
		return canvas.toDataURL('image/jpeg', 0.9);
	});
	await context.close();
	const exif = gpsExif();
	const withExif = piexif.insert(exif, dataUrl);
	return Buffer.from(withExif.split(',')[1], 'base64');
}
