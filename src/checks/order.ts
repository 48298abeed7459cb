/**
 * Code-unit order of two strings (what `Array.prototype.sort` does without a comparator): the same on every
 * machine, unlike `localeCompare`, whose order follows the ICU data and locale (and which loads ICU's collation data,
 * about 3 MB, at its first call).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
