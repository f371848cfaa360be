import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { StateStore } from './store.js';

/**
 * GitHub's Actions cache. It archives paths rather than files, so every key has its own folder under
 * `dir` and the dump is copied in and out of it. Loaded only when used: the cache client is the largest
 * part of the bundle.
 */
export function actionsCacheStore(dir: string): StateStore {
  const folder = (key: string) => path.join(dir, key);
  const archived = (key: string) => path.join(folder(key), 'state.dump');
  return {
    async restore(key, file) {
      const cache = await import('@actions/cache');
      if (!cache.isFeatureAvailable()) return false;
      mkdirSync(folder(key), { recursive: true });
      const hit = await cache.restoreCache([folder(key)], key);
      if (hit !== key || !existsSync(archived(key))) return false;
      copyFileSync(archived(key), file);
      return true;
    },
    async save(key, file) {
      const cache = await import('@actions/cache');
      if (!cache.isFeatureAvailable()) return;
      mkdirSync(folder(key), { recursive: true });
      copyFileSync(file, archived(key));
      await cache.saveCache([folder(key)], key);
    },
  };
}
