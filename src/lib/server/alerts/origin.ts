import { publicOrigin } from '../config';

/** Where staff sign in, as an alert names it. */
export const staffPortalUrl = (): string => `${publicOrigin()}/staff`;
