import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './idle';

describe('whenIdle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks requestIdleCallback, with the longest wait as its timeout, and can cancel it', () => {
    let idle: (() => void) | undefined;
    const request = vi.fn((fn: () => void) => {
      idle = fn;
      return 7;
    });
    const cancel = vi.fn();
    vi.stubGlobal('requestIdleCallback', request);
    vi.stubGlobal('cancelIdleCallback', cancel);
    const fn = vi.fn();
    const stop = whenIdle(fn, 250);
    expect(request).toHaveBeenCalledWith(fn, { timeout: 250 });
    expect(fn).not.toHaveBeenCalled();
    idle!();
    expect(fn).toHaveBeenCalledTimes(1);
    stop();
    expect(cancel).toHaveBeenCalledWith(7);
  });

  it('without requestIdleCallback (Safari), runs in a task after the next frame', async () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    vi.stubGlobal('document', { visibilityState: 'visible' });
    const fn = vi.fn();
    whenIdle(fn, 250);
    await new Promise((r) => setTimeout(r, 5));
    expect(fn).not.toHaveBeenCalled();
    frames.shift()!();
    expect(fn).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 5));
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
