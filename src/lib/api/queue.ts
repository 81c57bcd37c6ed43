/** One row of the triage queue, as the queue page's load returns it. */
export interface QueueRow {
	id: string;
	ref: string;
	createdAt: string;
	types: string[];
	area: string | null;
	team: string;
	status: string;
	safeguarding: boolean;
	grade: number | null;
	assignee: string | null;
	linkedReports: number;
	/** False until a reviewer's browser has posted this report's blind indexes: until then no
	 * link count can be trusted, not even zero. */
	linksIndexed: boolean;
	unreadMessages: number;
	sealedBy: string;
	/** The language the reporter wrote in (envelope.lang), so a reply can be written in it. */
	lang: string;
}
