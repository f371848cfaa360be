import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where database states are kept between runs: a file in, a file out, by key. The action keeps them in
 * GitHub's cache; anything else (tests, a developer's machine) in a folder.
 */
export interface StateStore {
  /** Copies the file stored under `key` to `file`; false when there is none. */
  restore(key: string, file: string): Promise<boolean>;
  save(key: string, file: string): Promise<void>;
}

export function folderStore(dir: string): StateStore {
  const stored = (key: string) => path.join(dir, `${key}.dump`);
  return {
    async restore(key, file) {
      if (!existsSync(stored(key))) return false;
      copyFileSync(stored(key), file);
      return true;
    },
    async save(key, file) {
      mkdirSync(dir, { recursive: true });
      copyFileSync(file, stored(key));
    },
  };
}
