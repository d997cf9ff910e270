// main and preload keep separate copies of the channel names (neither may import the other).
import { describe, expect, it } from 'vitest';
import * as main from '../../electron/main/channels.js';
import * as preload from '../../electron/preload/channels.js';
import { methodNames } from '../../electron/shared/contract.js';

describe('IPC channel names', () => {
  it('agree between main and preload', () => {
    for (const name of ['EVENT_CHANNEL', 'MENU_CHANNEL', 'OPEN_ORIGINAL_CHANNEL', 'PICK_IMPORT_PATHS_CHANNEL'] as const) {
      expect(preload[name], name).toBe(main[name]);
    }
    for (const method of methodNames) expect(preload.methodChannel(method)).toBe(main.methodChannel(method));
  });

  it('are all distinct', () => {
    const all = [...methodNames.map(main.methodChannel), main.EVENT_CHANNEL, main.MENU_CHANNEL, main.OPEN_ORIGINAL_CHANNEL, main.PICK_IMPORT_PATHS_CHANNEL];
    expect(new Set(all).size).toBe(all.length);
  });
});
