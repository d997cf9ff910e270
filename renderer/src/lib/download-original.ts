// "Open original" in a browser: the archive's copy of the file as a download, never shown in the
// page (an archived web page is hostile HTML and must not run on the app's origin).
import type { ItemDetail } from '../../../electron/shared/dto.js';
import { ArchiveError } from '../../../electron/shared/errors.js';
import { originalFileName } from '../../../electron/shared/original-download.js';
import { fetchOriginal } from '../api/get-archive-api.js';

/** Downloads item's archived original under its original file name. */
export async function downloadOriginal(item: Pick<ItemDetail, 'id' | 'source'>): Promise<void> {
  if (!item.source) throw new ArchiveError('not-found', `item ${item.id} has no original file`);
  const bytes = await fetchOriginal(item.id);
  // octet-stream: even opened rather than saved, the blob is never rendered as HTML.
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = originalFileName(item.source, item.id);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the bytes once the download started; give it time on a slow disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
