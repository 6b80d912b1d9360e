import { describe, expect, it } from 'vitest';
import { errorLine, MAX_ERROR_LINE_CHARS } from './errorLine';

describe('errorLine', () => {
  it('is one line ending in a newline', () => {
    expect(errorLine('a\nb\r\nc')).toBe('a b c\n');
  });

  it('writes C0 and C1 controls and DEL as escapes, so a terminal shows them instead of acting on them', () => {
    expect(errorLine('x: \u001b[2J\u0007\u009b31m\u007f')).toBe('x: \\u001b[2J\\u0007\\u009b31m\\u007f\n');
  });

  it('writes direction overrides as escapes', () => {
    expect(errorLine('key "\u202Etxt.exe" is odd')).toBe('key "\\u202etxt.exe" is odd\n');
  });

  it('is bounded, however long the message', () => {
    const line = errorLine(`x: ${'a'.repeat(100_000)}`);
    expect(line.length).toBe(MAX_ERROR_LINE_CHARS + 1);
    expect(line.endsWith('…\n')).toBe(true);
  });
});
