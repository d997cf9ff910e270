// Ids the UI picks itself (import jobs), so it can match progress events and cancel.

/** A fresh random id. */
export function newJobId(): string {
  return `ui-${crypto.randomUUID()}`;
}
