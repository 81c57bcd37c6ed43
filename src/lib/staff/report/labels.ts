import { INCIDENT_LABELS, type IncidentType } from '../../report/incident-types';
import { GRADE_LABELS, OUTCOME_LABELS, STATUS_LABELS, type Outcome } from './triage-options';

/** Short staff-facing words for stored values; an unknown value is shown as it is. */
export const typeLabel = (type: string) => INCIDENT_LABELS[type as IncidentType]?.label ?? type;
export const statusLabel = (status: string) =>
	STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status;
export const outcomeLabel = (outcome: string | null) =>
	outcome ? (OUTCOME_LABELS[outcome as Outcome] ?? outcome) : '—';
export const gradeLabel = (grade: number | null) => (grade ? GRADE_LABELS[grade] : 'Not graded');

/** Where a report was sealed (DESIGN §5.4). "server" means the reporter's browser did not lock it
 * itself: no JavaScript, no WebAssembly, or a client that chose the form post; the page cannot
 * know which, so it does not say. */
export const sealedWhere = (sealedBy: string) =>
	sealedBy === 'server'
		? 'Sealed on the server as it arrived, not in the reporter’s browser.'
		: 'Sealed in the reporter’s browser.';
