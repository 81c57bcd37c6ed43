/** Where "Leave this site quickly" goes: a neutral page. A real link, so it works without JavaScript. */
export const NEUTRAL_SITE = 'https://www.bbc.co.uk/weather';
