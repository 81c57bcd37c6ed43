import { getContext, setContext } from 'svelte';
import type { ReportDraft } from '../form';

/**
 * The one hook by which another page reuses the public report form (DESIGN §5.8): a partner
 * worker's report page pre-sets "reporting for someone" to their organisation, and is told the
 * code once the report is sent, to add it to the wallet. The report itself is sent exactly as an
 * anonymous one. The public page sets no preset.
 */
export interface ReportPreset {
	organisation: string;
	onSent: (code: string) => void;
}

const KEY = Symbol('report-preset');

export const provideReportPreset = (preset: ReportPreset) => setContext(KEY, preset);

export const reportPreset = (): ReportPreset | undefined => getContext<ReportPreset>(KEY);

export const presetDraft = (draft: ReportDraft, preset: ReportPreset | undefined): ReportDraft =>
	preset ? { ...draft, reporter: 'outreach', tp_organisation: preset.organisation } : draft;
