import { json } from '@sveltejs/kit';

/** The JSON API's one error shape (DESIGN §6). */
export const apiError = (status: number, code: string, message: string, field?: string) =>
	json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
