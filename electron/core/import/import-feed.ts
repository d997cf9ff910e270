// Paths handed to an import that is already running: an upload's files as they arrive, so the
// writer stores them while the rest are still on their way and the commit has only the tail left.

/** What the import learns when its feed is closed: the tags (given only then) and the job id the caller uses from then on. */
export interface FeedClose {
  tags: string[];
  jobId?: string | undefined;
}

/** The import's side of a feed. */
export interface ImportFeed {
  /** Paths added since the last call, in the order they were added. */
  take(): string[];
  /** The close, once the feed is closed (no more paths will come); null before. */
  closed(): FeedClose | null;
  /** Resolves when paths are added or the feed closes (at once if either is waiting). */
  arrival(): Promise<void>;
}

/** The caller's side: add paths, then close. */
export interface ImportFeedWriter {
  add(paths: string[]): void;
  close(close: FeedClose): void;
}

/** A feed of paths for one running import. */
export function createImportFeed(): ImportFeed & ImportFeedWriter {
  let waiting: string[] = [];
  let closing: FeedClose | null = null;
  let wake: Array<() => void> = [];
  const signal = (): void => {
    const waiters = wake;
    wake = [];
    for (const resolve of waiters) resolve();
  };
  return {
    add(paths) {
      if (closing) return; // closed: the import no longer looks
      waiting.push(...paths);
      signal();
    },
    close(close) {
      closing ??= close;
      signal();
    },
    take() {
      const out = waiting;
      waiting = [];
      return out;
    },
    closed: () => closing,
    arrival() {
      if (waiting.length > 0 || closing) return Promise.resolve();
      return new Promise<void>((resolve) => wake.push(resolve));
    },
  };
}
