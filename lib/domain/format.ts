/** Dates as MediaWiki shows them ("28 November 2026", "20:38"), in UTC until users pick a zone. */
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

export function formatTimestamp(date: Date): { date: string; time: string } {
  return { date: dateFormat.format(date), time: timeFormat.format(date) };
}
