import type { StaffRole } from '../db/schema';
import { DomainError } from '../errors';

/** Roles that may read report content: analysts see statistics only (DESIGN §1). */
export const CASE_ROLES: StaffRole[] = ['reviewer', 'admin'];

export const notFound = () => new DomainError(404, 'not_found', 'No report has this reference.');
