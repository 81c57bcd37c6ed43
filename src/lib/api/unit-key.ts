/** What GET /api/v1/unit-key returns, and what the reporter's pages are given (DESIGN §6). */
export interface UnitKeyInfo {
	id: string;
	public_key: string;
	fingerprint: string;
}
