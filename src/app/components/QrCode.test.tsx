// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { QR_MAX_BYTES, QrCode } from './QrCode';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(text: string) {
  const div = document.createElement('div');
  const root = createRoot(div);
  act(() => root.render(<QrCode text={text} label="QR" />));
  return { div, root };
}

describe('QrCode', () => {
  it('draws exactly the dark modules of the encoded link', () => {
    const text = 'https://example.org/ringside/#s=abc&at=3';
    const { div, root } = render(text);
    const d = div.querySelector('path')!.getAttribute('d')!;
    const dark = encode(text, { ecc: 'L', border: 2 }).data.flat().filter(Boolean).length;
    expect(d.match(/M/g)!.length).toBe(dark);
    expect(div.querySelector('svg')!.getAttribute('aria-label')).toBe('QR');
    act(() => root.unmount());
  });

  it('explains instead of drawing when the link is too long', () => {
    const { div, root } = render('x'.repeat(QR_MAX_BYTES + 1));
    expect(div.querySelector('svg')).toBeNull();
    expect(div.textContent).toContain('too long for a QR code');
    act(() => root.unmount());
  });
});
