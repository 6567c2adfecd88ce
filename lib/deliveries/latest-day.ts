/** The latest day (YYYY-MM-DD) a delivery or a response may be dated: tomorrow in UTC, since east of UTC it may already be tomorrow. */
export function latestDay(now: Date = new Date()): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}
