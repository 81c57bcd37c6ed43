import type { Migration } from 'kysely';
import * as init from './0001_init';
import * as reporterConsent from './0003_reporter_consent';
import * as queueIndex from './0004_queue_index';
import * as reportLinksIndexed from './0005_report_links_indexed';
import * as queueCounts from './0006_queue_counts';
import * as reporterTimeOrder from './0007_reporter_time_order';
import * as loginBackoff from './0008_login_backoff';
import * as warnings from './0009_warnings';
import * as bulletinAccess from './0010_bulletin_access';
import * as statistics from './0011_statistics';
import * as alerts from './0012_alerts';
import * as deviationCountersign from './0013_deviation_countersign';
import * as keyHolders from './0014_key_holders';
import * as retention from './0015_retention';
import * as sharedLimits from './0016_shared_limits';
import * as partnerOrgs from './0017_partner_orgs';
import * as partnerWallets from './0018_partner_wallets';
import * as fullPlannerStatistics from './0019_full_planner_statistics';

/** Every migration, by name, in order. Listed statically so the built server and the CLI scripts
 * carry them without reading files at run time; a unit test checks that no file is missing. */
export const migrations: Record<string, Migration> = {
	'0001_init': init,
	'0003_reporter_consent': reporterConsent,
	'0004_queue_index': queueIndex,
	'0005_report_links_indexed': reportLinksIndexed,
	'0006_queue_counts': queueCounts,
	'0007_reporter_time_order': reporterTimeOrder,
	'0008_login_backoff': loginBackoff,
	'0009_warnings': warnings,
	'0010_bulletin_access': bulletinAccess,
	'0011_statistics': statistics,
	'0012_alerts': alerts,
	'0013_deviation_countersign': deviationCountersign,
	'0014_key_holders': keyHolders,
	'0015_retention': retention,
	'0016_shared_limits': sharedLimits,
	'0017_partner_orgs': partnerOrgs,
	'0018_partner_wallets': partnerWallets,
	'0019_full_planner_statistics': fullPlannerStatistics
};
