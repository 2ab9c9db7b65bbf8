import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';

interface Item {
  clientId: string;
  content: string;
  error?: string | null;
}

const item = (clientId: string, content = clientId): Item => ({ clientId, content, error: null });

function sender(accept = () => true) {
  const sent: string[] = [];
  return { sent, send: (i: Item) => accept() && sent.push(i.clientId) > 0 };
}

describe('Outbox', () => {
  it('sends each message once per connection, in order, and all again on a new connection', () => {
    const outbox = new Outbox<Item>();
    outbox.put(item('a'));
    outbox.put(item('b'));
    const first = sender();
    outbox.flush(first.send);
    outbox.put(item('c'));
    outbox.flush(first.send);
    outbox.flush(first.send);
    expect(first.sent).toEqual(['a', 'b', 'c']);

    outbox.remove('a'); // acknowledged
    outbox.newConnection();
    const second = sender();
    outbox.flush(second.send);
    expect(second.sent).toEqual(['b', 'c']);
  });

  it('stops at the first message that cannot be sent, so none overtakes another', () => {
    const outbox = new Outbox<Item>([item('a'), item('b'), item('c')]);
    let budget = 1;
    const partial = sender(() => budget-- > 0);
    outbox.flush(partial.send);
    expect(partial.sent).toEqual(['a']);
    const rest = sender();
    outbox.flush(rest.send);
    expect(rest.sent).toEqual(['b', 'c']);
  });

  it('sends only what select picks, and a changed message again', () => {
    const outbox = new Outbox<Item>([item('a'), item('b')]);
    const unrefused = (items: readonly Item[]) => items.filter((i) => !i.error);
    const first = sender();
    outbox.flush(first.send, unrefused);
    expect(outbox.update('a', (i) => ({ ...i, error: 'RATE_LIMITED' }))).toBe(true);
    outbox.flush(first.send, unrefused);
    expect(first.sent).toEqual(['a', 'b']);
    // Retried: goes again on the same connection, in its old place.
    outbox.update('a', (i) => ({ ...i, error: null }));
    outbox.flush(first.send, unrefused);
    expect(first.sent).toEqual(['a', 'b', 'a']);
    expect(outbox.items.map((i) => i.clientId)).toEqual(['a', 'b']);
    expect(outbox.update('nope', (i) => i)).toBe(false);
  });

  it('replaces a message put again with the same clientId where it was', () => {
    const outbox = new Outbox<Item>([item('a'), item('b')]);
    outbox.put(item('a', 'edited'));
    expect(outbox.items).toEqual([item('a', 'edited'), item('b')]);
    expect(outbox.get('a')?.content).toBe('edited');
    expect(outbox.has('z')).toBe(false);
  });

  it('reports every change, for storage', () => {
    const saved: string[][] = [];
    const outbox = new Outbox<Item>([], (items) => saved.push(items.map((i) => i.clientId)));
    outbox.put(item('a'));
    outbox.put(item('b'));
    expect(outbox.remove('a')).toEqual(item('a'));
    expect(outbox.remove('a')).toBeUndefined();
    expect(saved).toEqual([['a'], ['a', 'b'], ['b']]);
  });
});
