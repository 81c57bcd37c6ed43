/** The JSON API's one error shape (DESIGN §6): every 4xx from a JSON endpoint has this body. */
export interface ApiErrorBody {
	error: { code: string; message: string; field?: string };
}
