// The phone layout's breakpoint, as styles.css has it (`max-width: 760px`):
// there a lesson's narration is a bottom sheet over the ring.

import { useSyncExternalStore } from 'react';

export const PHONE_QUERY = '(max-width: 760px)';

/** The page's one phone-layout query and its answer, kept current by its
 *  change event (as MessageLayer.tsx keeps its reduced-motion query): a new
 *  matchMedia at each call can make Chromium bring the page's style up to
 *  date there and then. */
let phoneQuery: MediaQueryList | null = null;
let phone = false;

function query(): MediaQueryList | null {
  if (phoneQuery === null && typeof matchMedia === 'function') {
    phoneQuery = matchMedia(PHONE_QUERY);
    phone = phoneQuery.matches;
    phoneQuery.addEventListener('change', (e) => {
      phone = e.matches;
    });
  }
  return phoneQuery;
}

export function isPhoneLayout(): boolean {
  query();
  return phone;
}

function subscribe(onChange: () => void): () => void {
  const mq = query();
  if (!mq) return () => {};
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** Whether the page has its phone layout, re-rendering when that changes. */
export function usePhoneLayout(): boolean {
  return useSyncExternalStore(subscribe, isPhoneLayout, () => false);
}
