import type { Envelope } from './envelope';
import type { Team } from './vocabulary';

export type { Team };

export const PRIORITY_NORMAL = 0;
export const PRIORITY_URGENT = 1;

export interface Routing {
	team: Team;
	safeguarding: boolean;
	priority: number;
}

const RASSO_TYPES = new Set(['rape', 'sexual_assault', 'stealthing']);

/** DESIGN §4: where a new report goes, from the envelope alone (the server reads nothing else).
 * A possible child comes first: children are victims of abuse, whatever else the report says. */
export function routeReport(envelope: Pick<Envelope, 'types' | 'under18'>): Routing {
	if (envelope.under18 === 'yes' || envelope.under18 === 'unsure') {
		return { team: 'CSE', safeguarding: true, priority: PRIORITY_URGENT };
	}
	if (envelope.types.some((t) => RASSO_TYPES.has(t))) {
		return { team: 'RASSO', safeguarding: false, priority: PRIORITY_NORMAL };
	}
	if (envelope.types.includes('coercion')) {
		return { team: 'Exploitation', safeguarding: false, priority: PRIORITY_NORMAL };
	}
	return { team: 'Liaison', safeguarding: false, priority: PRIORITY_NORMAL };
}
