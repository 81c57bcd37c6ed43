import { m } from '$lib/paraglide/messages';

/** The API answers in English with a stable `code` (the JSON contract); a reporter reads the
 * message for that code in their own language. A code without a translation keeps the server's
 * words, which then name something specific (such as the address to open). */
const BY_CODE: Record<string, () => string> = {
	not_found: m.api_not_found,
	withdrawn: m.api_withdrawn,
	rate_limited: m.api_rate_limited,
	file_too_large: m.api_file_too_large,
	too_large: m.api_too_large,
	storage_low: m.api_storage_full,
	quota_exceeded: m.api_storage_full,
	too_many_messages: m.api_too_many_messages
};

export const reporterErrorText = (code: string, serverMessage: string): string =>
	BY_CODE[code]?.() ?? serverMessage;
