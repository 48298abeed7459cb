/** One misconfiguration users really make, and what the library must say about it. */
export interface CatalogueEntry {
  /** the misconfiguration, as a user would describe it (listed in the README) */
  readonly name: string;
  /** the construct or value class that catches it */
  readonly construct: string;
  /** builds (and synthesizes) the misconfigured program; must throw */
  readonly run: () => unknown;
  /** the construct path the message must name as `[path]` (omit for value classes, which have no path) */
  readonly path?: string;
  /** text of the offending value that the message must contain */
  readonly value: string;
  /** what the fix part (after `Fix:`) must say */
  readonly fix: RegExp;
}
