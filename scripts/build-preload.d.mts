// Types for scripts/build-preload.mjs (imported by test/main/preload-bundle.test.ts).
export declare const preloadEntry: string;
export declare const preloadOutfile: string;
/** The contract's method names, read from the real contract. */
export declare function contractMethodNames(): Promise<string[]>;
/** Bundles the preload to `outfile` and returns its path. */
export declare function buildPreload(outfile?: string): Promise<string>;
