// Errors cross the transport as {code, message}; the UI shows the message.
import { toErrorShape } from '../../../electron/shared/errors.js';

/** A sentence to show the user for anything thrown (ArchiveError, preload error object, Error). */
export function errorText(error: unknown): string {
  const { code, message } = toErrorShape(error);
  return message || code;
}
