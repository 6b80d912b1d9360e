// The working scenario kept in this browser (IndexedDB), for scenarios too
// large for a link. The address bar then reads `#local`, and a reload
// restores the scenario and its Timeline position from here. IndexedDB,
// not localStorage: a scenario may be tens of megabytes of JSON, far over
// localStorage's few megabytes.

import type { SimScenario } from '../../sim/types';

/** The fragment of a page whose scenario is kept in this browser only. */
export const LOCAL_FRAGMENT = '#local';

export interface Working {
  scenario: SimScenario;
  cursor: number;
}

const DB = 'ringside';
const STORE = 'working';
const KEY = 'current';

function open(): Promise<IDBDatabase> | null {
  if (typeof indexedDB === 'undefined') return null;
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
  });
}

/** Keep `working` for the next reload. Resolves false when this browser
 *  cannot keep it (no IndexedDB, private mode, quota). */
export async function saveWorking(working: Working): Promise<boolean> {
  try {
    const db = await open();
    if (!db) return false;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(working, KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('the scenario could not be stored'));
    });
    db.close();
    return true;
  } catch {
    return false;
  }
}

/** The scenario kept by the last `saveWorking`, if any. */
export async function loadWorking(): Promise<Working | null> {
  try {
    const db = await open();
    if (!db) return null;
    const found = await new Promise<unknown>((resolve, reject) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('the scenario could not be read'));
    });
    db.close();
    return isWorking(found) ? found : null;
  } catch {
    return null;
  }
}

function isWorking(x: unknown): x is Working {
  return typeof x === 'object' && x !== null && 'scenario' in x && 'cursor' in x && typeof (x as Working).cursor === 'number';
}
