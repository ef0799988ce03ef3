/** The calendar day in Asia/Shanghai, YYYY-MM-DD: what "today" means for deadlines, reminders and status. */
const FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function shanghaiDay(d: Date): string {
  return FORMAT.format(d);
}
