import { describe, expect, it } from 'vitest';
import { parseAppToHost, parseHostToApp } from './bridge';

describe('bridge message shapes', () => {
  it('accepts exactly the listed shapes', () => {
    expect(parseAppToHost({ kefu: 1, type: 'message' })).toEqual({ kefu: 1, type: 'message' });
    expect(
      parseAppToHost({ kefu: 1, type: 'settings', color: '#00aa00', position: 'right', locale: 'zh-TW' }),
    ).not.toBeNull();
    expect(
      parseHostToApp({
        kefu: 1,
        type: 'init',
        open: true,
        identifier: null,
        identifierHash: null,
        team: 'sales',
        agent: 'agent-7',
      }),
    ).not.toBeNull();
    // A loader that names no agent field is not this app's loader.
    expect(
      parseHostToApp({ kefu: 1, type: 'init', open: true, identifier: null, identifierHash: null, team: 'sales' }),
    ).toBeNull();
    expect(parseHostToApp({ kefu: 1, type: 'visibility', open: false })).not.toBeNull();
  });

  it('rejects anything else', () => {
    for (const data of [
      null,
      'message',
      [],
      { type: 'message' },
      { kefu: '1', type: 'message' },
      { kefu: 1, type: 'message', count: 5 },
      { kefu: 1, type: 'toString' },
      { kefu: 1, type: '__proto__' },
      { kefu: 1, type: 'settings', color: 'red', position: 'right', locale: 'en' },
      { kefu: 1, type: 'settings', color: '#00aa00', position: 'top', locale: 'en' },
      { kefu: 1, type: 'settings', color: '#00aa00', position: 'right' },
      { kefu: 1, type: 'visibility', open: 'yes' },
    ]) {
      expect(parseAppToHost(data), JSON.stringify(data)).toBeNull();
      expect(parseHostToApp(data), JSON.stringify(data)).toBeNull();
    }
    // Host messages are not app messages and the other way round.
    expect(parseAppToHost({ kefu: 1, type: 'visibility', open: true })).toBeNull();
    expect(parseHostToApp({ kefu: 1, type: 'close' })).toBeNull();
  });
});
