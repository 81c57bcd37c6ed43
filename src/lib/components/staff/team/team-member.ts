/** A member as the team page lists them (the shape its load returns). */
export interface TeamMember {
	id: string;
	username: string;
	role: string;
	team: string;
	status: string;
	boxPublicKey: string;
	keyringVersion: number | null;
	/** The oldest unit key their grant holds; null for every key. */
	keysFrom: string | null;
}
