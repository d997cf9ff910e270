// Waits for a `khizana serve` child process to print its address, as a user reads it.
import type { ChildProcess } from 'node:child_process';

/** The URL (with its token) that `serve` prints on start; rejects if it exits or prints none in time. */
export function waitForServeUrl(child: ChildProcess, timeoutMs = 30_000): Promise<URL> {
  let output = '';
  return new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`khizana serve printed no address; output so far: ${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Khizana is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/u.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(new URL(match[1]!));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`khizana serve exited with ${code}: ${output}`));
    });
  });
}
