import { describe, expect, it } from 'vitest';
import { clip, formatCount, isolate, quoted } from './format';
import { overridesContained } from './testing/bidi';

const FSI = '\u2068';
const PDI = '\u2069';
const RLO = '\u202E';

describe('isolate', () => {
  it('wraps text holding a right-to-left override, so the override ends with it', () => {
    expect(isolate(`${RLO}txt.exe`)).toBe(`${FSI}${RLO}txt.exe${PDI}`);
    expect(overridesContained(`key ${isolate(`${RLO}txt.exe`)} is stored`)).toBe(true);
    expect(overridesContained(`key ${RLO}txt.exe is stored`)).toBe(false);
  });

  it('wraps right-to-left letters, which would otherwise pull neighbouring words and numbers', () => {
    expect(isolate('עגלה')).toBe(`${FSI}עגלה${PDI}`);
    expect(isolate('سلة')).toBe(`${FSI}سلة${PDI}`);
  });

  it('leaves text that cannot reorder a sentence as it is', () => {
    expect(isolate('cart')).toBe('cart');
    expect(isolate('日本語 123 <b>')).toBe('日本語 123 <b>');
    expect(isolate('')).toBe('');
  });

  it('does not let the text close the isolate early, or leave one of its own open', () => {
    // A stray PDI would end our isolate before the override.
    expect(isolate(`a${PDI}${RLO}b`)).toBe(`${FSI}a${RLO}b${PDI}`);
    // An unclosed isolate would take our PDI for its own.
    expect(isolate(`\u2067${RLO}x`)).toBe(`${FSI}\u2067${RLO}x${PDI}${PDI}`);
    for (const text of [`a${PDI}${RLO}b`, `\u2067${RLO}x`, `${PDI}${PDI}\u2066\u2066${RLO}`]) {
      expect(overridesContained(`before ${isolate(text)} after`)).toBe(true);
    }
  });

  it('quotes a value before isolating it, quotes included', () => {
    expect(quoted('milk')).toBe('"milk"');
    expect(quoted(`${RLO}milk`)).toBe(`${FSI}"${RLO}milk"${PDI}`);
  });
});

describe('formatCount', () => {
  it('writes whole numbers as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 1031, 12345, 999999, 1000000, 400000, 123456789, -1, -1234, -1234567]) expect(formatCount(n)).toBe(n.toLocaleString('en'));
  });
});

describe('clip', () => {
  it('cuts with an ellipsis', () => {
    expect(clip('abcdefgh', 5)).toBe('abcd…');
    expect(clip('abc', 5)).toBe('abc');
  });

  it('closes an isolate the cut left open', () => {
    const text = `cart = ${isolate(`${RLO}${'x'.repeat(50)}`)} | "eggs"`;
    const cut = clip(text, 20);
    expect(cut).toBe(`cart = ${FSI}${RLO}${'x'.repeat(10)}…${PDI}`);
    expect(overridesContained(cut)).toBe(true);
  });
});
