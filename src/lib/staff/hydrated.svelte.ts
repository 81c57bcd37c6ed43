import { onMount } from 'svelte';

/**
 * False until the page's script has run. Staff forms derive keys in the browser before they post:
 * a click before hydration would send the form without them, so their buttons wait for this.
 */
export function hydrated(): { readonly ready: boolean } {
	let ready = $state(false);
	onMount(() => {
		ready = true;
	});
	return {
		get ready() {
			return ready;
		}
	};
}
