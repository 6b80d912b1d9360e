// The app's one store, handed down through React context so tests can
// render a component with a store of their own.

import { createContext, useContext } from 'react';
import type { AppState, AppStore } from './state/store';
import { useApp } from './state/store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}

export function useAppState<T>(selector: (s: AppState) => T): T {
  return useApp(useAppStore(), selector);
}
