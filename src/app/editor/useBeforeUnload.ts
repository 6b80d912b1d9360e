// While `armed`, leaving the page (reload, closing the tab, typing another
// address) asks the browser's own "Leave site?" question first. The listener
// exists only while armed: an idle beforeunload listener would also keep the
// page out of the back/forward cache for nothing.

import { useEffect } from 'react';

export function useBeforeUnload(armed: boolean): void {
  useEffect(() => {
    if (!armed) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium and Safari ask only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [armed]);
}
