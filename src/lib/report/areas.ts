/** DESIGN §4: the six Gloucestershire districts, plus outside the county and "don't know". */
export const AREAS = [
	'cheltenham',
	'cotswold',
	'forest_of_dean',
	'gloucester',
	'stroud',
	'tewkesbury',
	'outside',
	'unknown'
] as const;
export type Area = (typeof AREAS)[number];

export const AREA_LABELS: Record<Area, string> = {
	cheltenham: 'Cheltenham',
	cotswold: 'Cotswolds (Cirencester, Stow, Tetbury)',
	forest_of_dean: 'Forest of Dean (Cinderford, Coleford, Lydney)',
	gloucester: 'Gloucester',
	stroud: 'Stroud',
	tewkesbury: 'Tewkesbury',
	outside: 'Outside Gloucestershire',
	unknown: "I don't know"
};
