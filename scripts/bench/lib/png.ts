import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) {
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	}
	return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
	let c = 0xffffffff;
	for (const b of bytes) {
		c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
	}
	return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
};

/** A PNG of random noise (incompressible), so its size is close to width × height × 4 bytes. */
export function noisePng(width: number, height: number): Uint8Array {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
	const rows = Buffer.alloc((width * 4 + 1) * height);
	const noise = randomBytes(width * 4 * height);
	for (let y = 0; y < height; y++) {
		noise.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
	}
	const png = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows, { level: 1 })),
		chunk('IEND', Buffer.alloc(0))
	]);
	return new Uint8Array(png);
}
