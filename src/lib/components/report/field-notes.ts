/** The ids a field's hint and error get, listed for `aria-describedby` (undefined when none). */
export const describedBy = (fieldId: string, hint?: string, error?: string): string | undefined =>
	[hint ? `${fieldId}-hint` : '', error ? `${fieldId}-error` : ''].filter(Boolean).join(' ') ||
	undefined;
