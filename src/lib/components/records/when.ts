/** A stored ISO time as staff read it: day, month, year and time, in UTC so every reader agrees. */
export const formatWhen = (iso: string): string => {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return iso;
	}
	return (
		date.toLocaleString('en-GB', {
			dateStyle: 'medium',
			timeStyle: 'medium',
			timeZone: 'UTC'
		}) + ' UTC'
	);
};
