// Types for scripts/electron-native.mjs (imported by test/main/electron-native.test.ts).
export interface NativeStamp {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export declare const outDir: string;
export declare const bindingFile: string;
/** What the binding must have been built for. */
export declare function wantedStamp(projectRoot?: string, platform?: string, arch?: string): NativeStamp;
/** True when an existing binding was built for exactly `wanted`. */
export declare function isFresh(stamp: unknown, wanted: NativeStamp, bindingExists: boolean): boolean;
/** Builds the binding unless it is fresh. */
export declare function ensureElectronBinding(options?: { force?: boolean; log?: (message: string) => void }): Promise<'fresh' | 'built'>;
