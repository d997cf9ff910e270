// Small measuring helpers: clocks, percentiles, folder sizes, memory peaks.
import fs from 'node:fs';
import path from 'node:path';

/** Milliseconds from a monotonic clock (sub-microsecond resolution). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** CPU milliseconds (user + system) this process has used: unlike wall time, barely moved by other busy processes. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Bytes this process has handed to write()/pwrite() so far (Linux /proc/self/io `wchar`), or null
 * elsewhere. Unlike time, it does not care how busy the machine is: WAL frames, checkpoints and
 * original files all count, so it shows how much a change cuts the writing work.
 */
export function bytesWritten(): number | null {
  try {
    const m = /^wchar:\s*(\d+)/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks; NaN for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function mean(samples: number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface FolderSize {
  /** Sum of file sizes (what a backup copies). */
  bytes: number;
  /** Space allocated on disk (whole blocks: many small originals cost more than their bytes). */
  diskBytes: number;
  files: number;
}

/** Size of every file under `dir`, recursively. */
export function folderSize(dir: string): FolderSize {
  const total: FolderSize = { bytes: 0, diskBytes: 0, files: 0 };
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const st = fs.statSync(full);
        total.bytes += st.size;
        total.diskBytes += st.blocks * 512;
        total.files++;
      }
    }
  };
  walk(dir);
  return total;
}

/**
 * Peak memory. RSS peak comes from the kernel (getrusage maxrss, exact); the heap has no peak
 * counter, so it is sampled wherever the benchmark calls `sample()` (every few articles/queries).
 */
export class MemoryPeak {
  heapUsedPeak = 0;
  sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.heapUsedPeak) this.heapUsedPeak = used;
  }
  report(): { peakRssBytes: number; peakHeapUsedBytes: number; rssBytes: number; heapUsedBytes: number } {
    this.sample();
    const now = process.memoryUsage();
    return {
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      peakHeapUsedBytes: this.heapUsedPeak,
      rssBytes: now.rss,
      heapUsedBytes: now.heapUsed,
    };
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
