import { isIPv4, isIPv6 } from 'node:net';

/**
 * The part of a client address that rate limits count against. One IPv6 host is usually given a
 * whole /64 (2^64 addresses), so counting full IPv6 addresses would hand out endless fresh
 * buckets: IPv6 is counted per /64. An IPv4 client seen through a dual-stack socket
 * (::ffff:a.b.c.d) is counted as that IPv4 address, like any other IPv4 client.
 * The result is only ever hashed with the in-memory key; it is never stored or logged.
 */
export function addressBucket(address: string): string {
	const plain = address.trim().toLowerCase().replace(/%.*$/, '');
	if (isIPv4(plain) || !isIPv6(plain)) {
		return plain;
	}
	const groups = ipv6Groups(plain);
	const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
	if (mapped) {
		return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
	}
	return groups
		.slice(0, 4)
		.map((g) => g.toString(16))
		.join(':')
		.concat('::/64');
}

/** The eight 16-bit groups of a valid IPv6 address, with `::` and a dotted IPv4 tail expanded. */
function ipv6Groups(address: string): number[] {
	let text = address;
	const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (dotted) {
		const [a, b, c, d] = dotted.slice(1).map(Number);
		const tail = ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
		text = text.slice(0, dotted.index) + tail;
	}
	const [head, tail] = text.split('::');
	const front = head ? head.split(':') : [];
	const back = tail ? tail.split(':') : [];
	const middle = tail === undefined ? [] : Array<string>(8 - front.length - back.length).fill('0');
	return [...front, ...middle, ...back].map((g) => parseInt(g, 16));
}
