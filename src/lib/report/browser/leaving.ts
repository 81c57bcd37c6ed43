/**
 * Quick exit (GOV.UK "Exit this page") and the report form's history entries meet here, in the
 * browser only. The form pushes one history entry per step (holding the step name, never an
 * answer); leaving steps back over them first, so Back on the neutral site cannot return to the
 * form, and the "you have unsaved answers" warning stays quiet while leaving on purpose.
 */
let leaving = false;
let formEntries: () => number = () => 0;

export const isLeaving = () => leaving;

/** The report form says how many history entries it has pushed on top of its first one. */
export function trackFormHistory(count: () => number): () => void {
	formEntries = count;
	return () => {
		if (formEntries === count) {
			formEntries = () => 0;
		}
	};
}

function stepBack(entries: number): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			window.removeEventListener('popstate', done);
			resolve();
		};
		window.addEventListener('popstate', done);
		// A browser that never reports the traversal must not keep the reporter here.
		setTimeout(done, 400);
		history.go(-entries);
	});
}

export async function leaveFor(url: string) {
	leaving = true;
	document.documentElement.classList.add('leaving');
	document.title = 'Weather';
	const entries = formEntries();
	if (entries > 0) {
		await stepBack(entries);
	}
	window.location.replace(url);
}

/**
 * GOV.UK's rule for the keyboard shortcut: Shift pressed on its own three times in a row within
 * 5 seconds. Any other key in between (a capital letter typed with Shift held included) starts
 * the count again, so typing "He said No. I left" never leaves the page.
 */
export class ShiftCounter {
	private presses: number[] = [];
	private shiftDown = false;
	private usedAsModifier = false;

	constructor(
		private readonly within = 5000,
		private readonly needed = 3
	) {}

	/** Returns true when this key completes the shortcut. */
	keydown(key: string, repeat: boolean): boolean {
		if (key === 'Shift') {
			if (!repeat) {
				this.shiftDown = true;
				this.usedAsModifier = false;
			}
			return false;
		}
		if (this.shiftDown) {
			this.usedAsModifier = true;
		}
		this.presses = [];
		return false;
	}

	keyup(key: string, now: number): boolean {
		if (key !== 'Shift') {
			return false;
		}
		const bare = this.shiftDown && !this.usedAsModifier;
		this.shiftDown = false;
		if (!bare) {
			this.presses = [];
			return false;
		}
		this.presses = [...this.presses.filter((t) => now - t < this.within), now];
		if (this.presses.length < this.needed) {
			return false;
		}
		this.presses = [];
		return true;
	}
}
