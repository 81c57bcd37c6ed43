import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb } from '$lib/server/db';
import { announceSetupCode } from '$lib/server/staff/setup-code';
import { alertsSchedulerWanted, startAlerts } from '$lib/server/alerts/scheduler';
import { serverNow } from '$lib/server/clock';
import { apiErrors } from '$lib/server/hooks/api-errors';
import { authenticate } from '$lib/server/hooks/authenticate';
import { formGuard } from '$lib/server/hooks/form-guard';
import { guardStaff } from '$lib/server/hooks/guard-staff';
import { language } from '$lib/server/hooks/language';
import { nullOriginForms } from '$lib/server/hooks/null-origin';
import { pageEdges } from '$lib/server/hooks/page-edges';
import { partnerSession } from '$lib/server/hooks/partner-session';
import { rateLimit } from '$lib/server/hooks/rate-limit';
import { securityHeaders } from '$lib/server/hooks/security-headers';
import { startRetention } from '$lib/server/retention/schedule';
import { offerDirectIntake } from '$lib/server/reports/direct-intake';
import { startReportWriter } from '$lib/server/reports/writer-thread';
import { dev } from '$app/environment';
import { databaseUrl } from '$lib/server/config';
import { isSqliteFileUrl } from '$lib/server/db/engine';

export const init: ServerInit = async () => {
	await announceSetupCode(await getDb());
	startRetention(await getDb(), { now: serverNow });
	if (alertsSchedulerWanted()) {
		startAlerts(await getDb(), { now: serverNow });
	}
	// The build only: under `vite dev` this file is TypeScript no thread can load.
	if (!dev && isSqliteFileUrl(databaseUrl())) {
		startReportWriter(databaseUrl());
	}
	offerDirectIntake();
};

export const handle = sequence(
	securityHeaders,
	pageEdges,
	apiErrors,
	nullOriginForms,
	rateLimit,
	language,
	authenticate,
	guardStaff,
	partnerSession,
	// Last, so a post without a session is refused by the guard before its body is read at all.
	formGuard
);

/** Unexpected errors: a plain message for the user, the error's own text for the operator, and
 * nothing about the request (no URL, address or agent) in the log. The framework's own 4xx (no
 * such page or form, method not allowed) are the client's mistake, not ours: they are not logged. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status >= 500) {
		console.error('unexpected error:', error instanceof Error ? error.message : 'unknown');
	}
	if (status === 404) {
		return { message: 'Page not found.' };
	}
	if (status < 500) {
		return { message: 'This page cannot answer that request.' };
	}
	return { message: 'Something went wrong on our side. Please try again.' };
};
