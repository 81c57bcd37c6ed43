/**
 * The one route scripts/serve.js answers without SvelteKit: POST /api/v1/reports
 * (src/lib/server/reports/direct-intake.ts says why). The build registers its handler under this
 * global symbol when the server starts; serve.js hands it every request first. Plain JavaScript
 * and a global symbol, because serve.js and the build each have their own copy of this file.
 */
export const DIRECT_ROUTE = Symbol.for('safereport.direct-route');
