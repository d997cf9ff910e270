// One import's report made of two parts run under it (the exports among its paths, then the files).
import type { ImportReport } from './dto.js';

/** `first`'s results, then `then`'s, counted together; `then`'s job id; cancelled or stopped if either was. */
export function mergeImportReports(first: ImportReport, then: ImportReport): ImportReport {
  const stopped = first.stopped ?? then.stopped;
  return {
    ...then,
    results: [...first.results, ...then.results],
    imported: first.imported + then.imported,
    duplicates: first.duplicates + then.duplicates,
    failed: first.failed + then.failed,
    skipped: first.skipped + then.skipped,
    cancelled: first.cancelled || then.cancelled,
    ...(stopped ? { stopped } : {}),
  };
}
