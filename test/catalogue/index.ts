import { APPSET_ENTRIES } from './entries-appset';
import { CORE_ENTRIES } from './entries-core';
import { HARDENING_ENTRIES } from './entries-hardening';
import { HELMFILE_ENTRIES } from './entries-helmfile';
import { ODH_ENTRIES } from './entries-odh';
import { PROJECT_ENTRIES } from './entries-project';
import { CatalogueEntry } from './entry';

export type { CatalogueEntry } from './entry';

/** Every catalogued misconfiguration, grouped by the module that defines it. */
export const ALL_ENTRIES: CatalogueEntry[] = [
  ...CORE_ENTRIES,
  ...ODH_ENTRIES,
  ...APPSET_ENTRIES,
  ...PROJECT_ENTRIES,
  ...HELMFILE_ENTRIES,
  ...HARDENING_ENTRIES,
];
