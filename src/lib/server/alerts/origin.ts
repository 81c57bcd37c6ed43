/** Where staff sign in, as an alert names it: the portal's public origin (ORIGIN, as adapter-node
 * reads it), else the address it listens on. */
export function staffPortalUrl(): string {
	const origin =
		process.env.ORIGIN || `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || '3000'}`;
	return `${origin.replace(/\/+$/, '')}/staff`;
}
