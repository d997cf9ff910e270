// khizana serve [--port N]: the UI in a browser, on 127.0.0.1 only (DESIGN §6).
// cli/main.ts loads this file only for `serve`, so the web bridge stays out of every other command.
import { serveArchive } from '../../web/serve-archive.js';
import { parseCommandArgs, parseCount } from '../args.js';
import { commandHelp } from '../usage.js';
import { UsageError } from '../output.js';

/** Runs the web bridge until interrupted; returns the exit status. */
export async function serveCommand(dir: string, argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { port: { type: 'string' } });
  if (values.help) {
    console.log(commandHelp.serve);
    return 0;
  }
  const port = parseCount(values.port, 'port', 0);
  if (port > 65535) throw new UsageError('--port must be between 0 and 65535');
  const server = await serveArchive({ dir, port });
  console.log(`Khizana is running at ${server.url}`);
  console.log(`Archive: ${dir}\nOpen the address above in your browser; stop with Ctrl+C.`);
  // Ctrl+C, a kill, or the terminal closing: stop cleanly, so uploads in progress are removed.
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, resolve);
  });
  await server.close();
  return 0;
}
