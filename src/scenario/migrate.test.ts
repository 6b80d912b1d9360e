import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, migrateToCurrent } from './migrate';

describe('migrateToCurrent', () => {
  it('passes a current-version document through untouched', () => {
    const doc = { version: CURRENT_VERSION, steps: [] };
    expect(migrateToCurrent(doc)).toEqual({ ok: true, doc });
  });

  it('refuses versions it does not know instead of guessing', () => {
    for (const version of [0, 2, 99, -1]) {
      expect(migrateToCurrent({ version })).toEqual({
        ok: false,
        error: `version: unsupported scenario version ${version} (this Ringside reads version 1)`,
      });
    }
  });

  it('refuses a missing or non-integer version', () => {
    expect(migrateToCurrent({})).toEqual({ ok: false, error: 'version: required' });
    expect(migrateToCurrent({ version: 1.0000001 })).toEqual({ ok: false, error: 'version: must be a whole number like 1 (got 1.0000001)' });
    expect(migrateToCurrent({ version: null })).toEqual({ ok: false, error: 'version: must be a number like 1, not null' });
    expect(migrateToCurrent({ version: [1] })).toEqual({ ok: false, error: 'version: must be a number like 1, not a list' });
  });
});
