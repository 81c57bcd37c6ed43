/**
 * The JSON APIs: the public and staff one under /api/, and the partner workers' under
 * /partner/api/. Every refusal on them, whichever layer makes it, comes in the API error shape.
 */
export const isJsonApiPath = (path: string): boolean =>
	path.startsWith('/api/') || path.startsWith('/partner/api/');
