import * as v from 'valibot';
import type { DeviationRecord } from '../../crypto/signed-record';
import { signRecord } from '../../crypto/signed-record';
import { getSodium } from '../../crypto/sodium';
import type { Envelope } from '../../report/envelope';
import { blindIndexes } from '../../staff/report/links';
import { openCaseReport } from '../../staff/report/open-case';
import { sealNoteFor, sealReplyFor } from '../../staff/report/seal';
import { STATUS_MESSAGES, type ReportStatus } from '../../staff/report/triage-options';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { recordDeviation } from '../deviations/record';
import { addReporterMessage } from '../reports/reporter-access';
import { sealReporterMessageOnServer } from '../reports/server-status';
import { insertReport } from '../reports/store';
import { activeUnitKey } from '../reports/unit-key';
import { sealSyntheticReport } from '../synthetic/seal';
import { openCaseFile } from '../triage/case-file';
import { storeLinks } from '../triage/links';
import { TriageSchema } from '../triage/schemas';
import { addNote, addUnitMessage, applyTriage } from '../triage/triage';
import type { UnlockedMember } from './unlock';

/** A report the demo worked on, with the code a visitor can use on the reporter's status page. */
export interface WorkedCase {
	ref: string;
	code: string;
	story: string;
}

/** The phone number two demo reports share (Ofcom's drama range), so they show as linked. */
export const DEMO_SHARED_PHONE = '07700 900404';
/** Seeds far from the synthetic reports' 1, 2, 3…, so worked cases never repeat one of them. */
const SEED = 1_000_000;

const THRIVE = {
	threat: 'high',
	harm: 'high',
	risk: 'medium',
	investigation: 'medium',
	vulnerability: 'high',
	engagement: 'medium'
} as const;

/**
 * A handful of cases worked the way staff work them, so a visitor sees what a case looks like:
 * triage with THRIVE and a rationale, notes, messages both ways, a linked pair and a signed
 * deviation record. Everything goes through the code paths the app itself uses — reports sealed
 * to the unit key and stored with routing, notes and replies sealed with the keyring, the
 * reporter's reply sealed as the no-JavaScript status page seals it, links indexed as a reviewer's
 * browser indexes them, the deviation signed with the admin's key — so each step is audited.
 */
export async function seedWorkedCases(
	db: Db,
	people: { admin: UnlockedMember; reviewer: UnlockedMember }
): Promise<WorkedCase[]> {
	const sodium = await getSodium();
	const unit = await activeUnitKey(db);
	if (!unit) {
		throw new Error('The demo unit key is missing.');
	}
	const key = { id: unit.id, publicKey: new Uint8Array(unit.public_key) };
	const { admin, reviewer } = people;

	const report = async (
		seed: number,
		story: string,
		options: { phone?: string; types?: Envelope['types']; under18?: Envelope['under18'] }
	) => {
		const { payload, code } = sealSyntheticReport(sodium, key, SEED + seed, options);
		const { ref } = await insertReport(db, payload, [], 'server');
		return { ref, code, story };
	};
	const caseFile = (who: Staff, ref: string) => openCaseFile(db, who, ref, 'read');
	const note = async (who: UnlockedMember, ref: string, text: string) =>
		addNote(
			db,
			who.staff,
			ref,
			sealNoteFor(sodium, who.keyring, await caseFile(who.staff, ref), text)
		);
	const reply = async (who: UnlockedMember, ref: string, text: string) =>
		addUnitMessage(
			db,
			who.staff,
			ref,
			sealReplyFor(sodium, who.keyring, await caseFile(who.staff, ref), text)
		);
	const reporterReply = async (ref: string, text: string) => {
		const row = await db
			.selectFrom('reports')
			.selectAll()
			.where('ref', '=', ref)
			.executeTakeFirstOrThrow();
		await addReporterMessage(
			db,
			row,
			await sealReporterMessageOnServer(row, db, 'reply', text, [])
		);
	};
	const triage = async (
		who: UnlockedMember,
		ref: string,
		change: {
			team: string;
			status: ReportStatus;
			grade?: number;
			outcome?: string;
			rationale?: string;
		}
	) => {
		const file = await caseFile(who.staff, ref);
		// The message the triage panel offers to send the reporter when the status changes.
		const told = STATUS_MESSAGES[change.status];
		const input = v.parse(TriageSchema, {
			team: change.team,
			status: change.status,
			outcome: change.outcome ?? null,
			assignee_id: who.staff.id,
			grade: change.grade ?? null,
			thrive: change.grade ? THRIVE : null,
			rationale: change.rationale ? sealNoteFor(sodium, who.keyring, file, change.rationale) : null,
			reporter_message: told ? sealReplyFor(sodium, who.keyring, file, told) : null
		});
		await applyTriage(db, who.staff, ref, input);
	};
	/** What a reviewer's browser does for a report no one has indexed yet (DESIGN §5.6). */
	const index = async (who: UnlockedMember, ref: string) => {
		const file = await openCaseFile(db, who.staff, ref, 'index');
		const opened = openCaseReport(sodium, who.keyring, file);
		if (opened.state !== 'verified') {
			throw new Error(`Demo report ${ref} did not open.`);
		}
		sodium.memzero(opened.key);
		await storeLinks(db, who.staff, ref, blindIndexes(sodium, who.keyring.linkKey, opened.body));
	};

	// A conversation: triaged, a note, the reporter answers, the unit answers back.
	const talked = await report(1, 'triaged, with notes and messages both ways', {
		phone: DEMO_SHARED_PHONE,
		types: ['physical_assault']
	});
	await triage(reviewer, talked.ref, {
		team: 'Liaison',
		status: 'in_review',
		grade: 2,
		rationale: 'Same phone as another report this month; injuries reported. Graded 2.'
	});
	await note(reviewer, talked.ref, 'Called the outreach project: they know of this client.');
	await reply(
		reviewer,
		talked.ref,
		'Thank you for telling us. Are you safe now? You can reply here.'
	);
	await reporterReply(talked.ref, 'I am OK now. He texted again from the same number last night.');
	await reply(reviewer, talked.ref, 'Thank you. We will look into that number. Stay safe.');

	// Its linked twin: the same number, written another way; waiting for the reporter.
	const twin = await report(2, 'linked to the report above by the same phone number', {
		phone: '+44 7700 900404',
		types: ['robbery']
	});
	await triage(reviewer, twin.ref, { team: 'Liaison', status: 'awaiting_reporter' });
	await reporterReply(twin.ref, 'Can someone call me? Only after 6pm please.');

	// A safeguarding case, graded urgent.
	const child = await report(3, 'a safeguarding case (under 18 unsure), graded urgent', {
		under18: 'unsure',
		types: ['coercion']
	});
	await triage(reviewer, child.ref, {
		team: 'CSE',
		status: 'referred',
		grade: 1,
		rationale: 'Possible child: referred to CSE and children’s services the same day.'
	});

	// Closed, with a signed record of a step outside policy.
	const closed = await report(4, 'closed, with a signed policy-deviation record', {
		types: ['threats']
	});
	await triage(admin, closed.ref, {
		team: 'Liaison',
		status: 'closed',
		outcome: 'intelligence_recorded',
		grade: 3,
		rationale: 'Recorded as intelligence, as the reporter asked.'
	});
	const record: DeviationRecord = {
		v: 1,
		kind: 'policy_deviation',
		staff_id: admin.staff.id,
		at: new Date().toISOString(),
		report_ref: closed.ref,
		text: 'Shared the vehicle description with the outreach project without waiting for consent, because the same car was seen outside their drop-in that evening.'
	};
	await recordDeviation(db, admin.staff, {
		record,
		signature: signRecord(sodium, record, admin.secrets.signSecretKey)
	});

	for (const ref of [talked.ref, twin.ref, child.ref, closed.ref]) {
		await index(reviewer, ref);
	}
	return [talked, twin, child, closed];
}
