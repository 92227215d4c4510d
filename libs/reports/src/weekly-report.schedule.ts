/** When the weekly report of the week just ended is published: Monday 08:00 in the district's time zone. */
export const WEEKLY_REPORT_CRON = '0 8 * * 1';
