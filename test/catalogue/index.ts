import { CORE_ENTRIES } from './entries-core';
import { ODH_ENTRIES } from './entries-odh';
import { CatalogueEntry } from './entry';

export type { CatalogueEntry } from './entry';

/** Every catalogued misconfiguration, grouped by the module that defines it. */
export const ALL_ENTRIES: CatalogueEntry[] = [
  ...CORE_ENTRIES,
  ...ODH_ENTRIES,
];
