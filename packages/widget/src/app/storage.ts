/** localStorage of the iframe's origin, one namespace per website token; falls back to memory where blocked. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
  };
}

export function browserStore(websiteToken: string): KeyValueStore {
  const prefix = `kefu:${websiteToken}:`;
  const fallback = memoryStore();
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
    storage.getItem(prefix); // throws where third-party storage is blocked
  } catch {
    storage = null;
  }
  return {
    get(key) {
      try {
        return storage ? storage.getItem(prefix + key) : fallback.get(key);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      try {
        if (storage) storage.setItem(prefix + key, value);
        else fallback.set(key, value);
      } catch {
        fallback.set(key, value); // quota
      }
    },
    remove(key) {
      try {
        storage?.removeItem(prefix + key);
      } catch {}
      fallback.remove(key);
    },
  };
}

export function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  const raw = store.get(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}
