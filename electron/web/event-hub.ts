// Fans archive events out to every open browser tab (Server-Sent Events).
import type { ServerResponse } from 'node:http';
import type { ArchiveEvent } from '../shared/dto.js';

export interface EventHub {
  /** Sends an event to every subscriber. */
  publish(event: ArchiveEvent): void;
  /** Adds a subscriber; returns the function that removes it. */
  subscribe(listener: (event: ArchiveEvent) => void): () => void;
}

/** Creates an in-memory event hub. */
export function createEventHub(): EventHub {
  const listeners = new Set<(event: ArchiveEvent) => void>();
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const heartbeatMs = 20_000;

/** Turns `res` into an SSE stream of the hub's events until the client goes away; returns a closer. */
export function streamEvents(
  res: ServerResponse,
  hub: EventHub,
  rewrite: (event: ArchiveEvent) => ArchiveEvent = (e) => e,
): () => void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  res.flushHeaders();
  res.write('retry: 2000\n\n');
  const unsubscribe = hub.subscribe((event) => {
    res.write(`data: ${JSON.stringify(rewrite(event))}\n\n`);
  });
  // Comments keep proxies and idle timers from closing a quiet stream.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  res.on('close', close);
  return close;
}
