// Meal periods of the school day, in the school's local time. A subsidised meal is given at
// most once per period per day; which period a sale falls in is read from the local clock.
import type { MealPeriod } from './registry.js';
import { zoneOffsetMs } from './time.js';

/** [start, end) of each period, in minutes after local midnight. */
export const MEAL_PERIOD_WINDOWS: Readonly<Record<MealPeriod, readonly [number, number]>> = {
  breakfast: [7 * 60, 11 * 60],
  lunch: [11 * 60, 15 * 60],
  afternoon: [15 * 60, 19 * 60],
};

/** The meal period at instant ms in the zone, or null outside every period. */
export function mealPeriodAt(timeZone: string, ms: number): MealPeriod | null {
  const local = ms + zoneOffsetMs(timeZone, ms);
  const minute = Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  for (const [period, [from, to]] of Object.entries(MEAL_PERIOD_WINDOWS) as Array<[MealPeriod, readonly [number, number]]>) {
    if (minute >= from && minute < to) return period;
  }
  return null;
}
