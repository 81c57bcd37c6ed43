import { decryptFile, type FileContext } from '../../crypto/file-stream';
import type { Sodium } from '../../crypto/sodium';
import { sniffRaster } from './sniff';

/** A decrypted file as the page offers it: raster images inline, everything else (SVG, PDF and
 * HTML included) only as a download typed application/octet-stream, never opened in our origin. */
export interface OpenedFile {
	name: string;
	size: number;
	url: string;
	inline: boolean;
}

/** One file of a case as the views list it, while it is being opened and after. */
export interface FileSlot {
	name: string;
	claimedType: string;
	/** A picture the reporter's browser or the server could not clean (its file entry says so). */
	notCleaned?: boolean;
	/** Undefined while decrypting; null when it failed. */
	file: OpenedFile | null | undefined;
}

export async function fetchAndOpenFile(
	sodium: Sodium,
	args: {
		ref: string;
		idx: number;
		messageId: string | null;
		parentKey: Uint8Array;
		context: FileContext;
		name: string;
	}
): Promise<OpenedFile> {
	const query = args.messageId ? `?message=${encodeURIComponent(args.messageId)}` : '';
	const res = await fetch(
		`/api/v1/staff/reports/${encodeURIComponent(args.ref)}/attachments/${args.idx}${query}`
	);
	if (!res.ok) {
		throw new Error('The file could not be fetched.');
	}
	const stored = new Uint8Array(await res.arrayBuffer());
	const plain = decryptFile(sodium, args.parentKey, args.idx, args.context, stored);
	const raster = sniffRaster(plain);
	const blob = new Blob([plain as Uint8Array<ArrayBuffer>], {
		type: raster ?? 'application/octet-stream'
	});
	return {
		name: args.name,
		size: plain.length,
		url: URL.createObjectURL(blob),
		inline: raster !== null
	};
}
