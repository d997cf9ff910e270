// Files and whole folders dropped on the window, with their relative paths (browser side).
import type { UploadFile } from '../api/http-client.js';

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    // readEntries returns at most ~100 entries per call; keep asking until it returns none.
    const next = (): void => reader.readEntries((batch) => {
      if (batch.length === 0) resolve(all);
      else {
        all.push(...batch);
        next();
      }
    }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, prefix: string, out: UploadFile[]): Promise<void> {
  if (entry.name.startsWith('.')) return; // hidden files and folders are skipped, as in a folder import
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, name: prefix + entry.name });
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries((entry as FileSystemDirectoryEntry).createReader())) {
      await walk(child, `${prefix}${entry.name}/`, out);
    }
  }
}

/** Every file of a drop, folders expanded. */
export async function collectDroppedFiles(data: DataTransfer): Promise<UploadFile[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return [...data.files].map((file) => ({ file, name: file.name }));
  const out: UploadFile[] = [];
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

/** Files from an <input type=file>, keeping folder structure when a folder was picked. */
export function filesFromInput(list: FileList): UploadFile[] {
  return [...list].map((file) => ({ file, name: file.webkitRelativePath || file.name }));
}
