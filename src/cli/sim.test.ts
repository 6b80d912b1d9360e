// The CLI as a user runs it: a child process, its exit code, stdout and
// stderr (contract 2). Slower than the other tests (tsx starts per run), so
// only what needs the real process is here; argument parsing is in
// args.test.ts and the stderr line in errorLine.test.ts.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeScenario, parseScenario } from '../scenario';
import { simCommand } from './simCommand';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** `npm run sim`'s own command line (with its V8 flags), without npm's start-up. */
const SIM = simCommand(ROOT);

function sim(args: string[], input = '') {
  const res = spawnSync(SIM.cmd, [...SIM.args, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  if (res.error) throw res.error;
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Values that barely compress, so the link is long: deterministic, from an LCG. */
function noisyValue(seed: number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

function longLinkScenario() {
  const steps = Array.from({ length: 170 }, (_, i) => ({ at: i, do: 'put', client: 'c', key: `k${i}`, value: noisyValue(i + 1, 1000) }));
  const parsed = parseScenario({ version: 1, steps });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
}

// Linux refuses a single argument longer than this (MAX_ARG_STRLEN).
const MAX_ARG_CHARS = 128 * 1024;
// Anything else a terminal would act on.
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('sim CLI: a share link from a file or standard input', () => {
  const scenario = longLinkScenario();
  const link = `https://example.org/ringside/${encodeScenario(scenario)}`;
  const expected = sim(['-'], JSON.stringify(scenario));

  it('makes a link too long for one argument (the case these options are for)', () => {
    expect(link.length).toBeGreaterThan(MAX_ARG_CHARS);
    expect(expected.code).toBe(0);
  });

  it('--url-file <path> runs the link in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-'));
    const file = join(dir, 'link.txt');
    writeFileSync(file, `${link}\n`);
    const run = sim(['--url-file', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(expected.stdout));
  });

  it('--url - runs the link given on standard input', () => {
    const run = sim(['--url', '-'], `${link}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(expected.stdout));
  });

  it('a file that holds no link is invalid input, named on one line', () => {
    const run = sim(['--url', '-'], 'hello\n');
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'link: not a Ringside scenario link (no #s=)\n' });
  });
});

describe('sim CLI: invalid input stays one short, inert line', () => {
  it('names a 100,000-character unknown field in a bounded line', () => {
    const run = sim(['-'], JSON.stringify({ version: 1, ['a'.repeat(100_000)]: 1 }));
    expect(run).toEqual({ code: 2, stdout: '', stderr: `["${'a'.repeat(38)}…]: unknown field\n` });
  });

  it.each([
    ['an unknown option', ['--\u001b]0;pwned\u0007'], ''],
    ['a file that does not exist', ['\u001b[2Jmissing.json'], ''],
    ['a JSON syntax error around raw control codes', ['-'], '{"version": 1, "x": \u001b[31m}'],
    ['a C1 control inside a node name', ['-'], '{"version": 1, "steps": [{"at": 0, "do": "kill", "node": "n\u009b2J"}]}'],
  ])('escapes the control codes of %s', (_name, args, input) => {
    const run = sim(args, input);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.slice(0, -1)).not.toMatch(CONTROL);
    expect(run.stderr.slice(0, -1)).not.toContain('\n');
    expect(run.stderr).toMatch(/\\u001b|\\u009b/);
  });
});
