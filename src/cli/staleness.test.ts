// `npm run staleness`: its output and its errors through `stalenessCli`
// (the same function the entry point runs), and once each as a real
// process (exit code, stdout, stderr), which is slower (tsx starts per run).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stalenessCli } from './staleness';
import { DEFAULT_SEED, DEFAULT_TRIALS, parseStalenessArgs } from './stalenessArgs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const PAPER = ['--n', '3', '--r', '1', '--w', '1', '--W', 'exp:0.1', '--A', 'exp:1', '--R', 'exp:1', '--S', 'exp:1'];

interface Output {
  points: { t: number; pConsistent: number }[];
  t999: number;
  pWithinK?: number;
}

function ok(argv: string[]): Output {
  const out = stalenessCli(argv);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  expect(out.stdout.endsWith('\n')).toBe(true);
  expect(out.stdout.trimEnd().includes('\n')).toBe(false);
  return JSON.parse(out.stdout) as Output;
}

function fails(argv: string[]): string {
  const out = stalenessCli(argv);
  expect(out.code).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr.endsWith('\n')).toBe(true);
  expect(out.stderr.trimEnd().includes('\n')).toBe(false);
  return out.stderr.trimEnd();
}

describe('staleness CLI: the JSON it prints', () => {
  it('is one object: a point per --t in the order given, t999, and pWithinK only with --k', () => {
    const out = ok([...PAPER, '--t', '10,0,100,1', '--trials', '20000']);
    expect(Object.keys(out).sort()).toEqual(['points', 't999']);
    expect(out.points.map((p) => p.t)).toEqual([10, 0, 100, 1]);
    for (const p of out.points) {
      expect(Object.keys(p).sort()).toEqual(['pConsistent', 't']);
      expect(p.pConsistent).toBeGreaterThanOrEqual(0);
      expect(p.pConsistent).toBeLessThanOrEqual(1);
    }
    const [p10, p0, p100, p1] = out.points.map((p) => p.pConsistent);
    expect(p0!).toBeLessThanOrEqual(p1!);
    expect(p1!).toBeLessThanOrEqual(p10!);
    expect(p10!).toBeLessThanOrEqual(p100!);
    expect(out.t999).toBeGreaterThan(0);

    const withK = ok([...PAPER, '--t', '0', '--trials', '1000', '--k', '2']);
    // N=3, R=W=1, k=2: 1 − (2/3)² = 5/9.
    expect(withK.pWithinK).toBeCloseTo(5 / 9, 12);
  });

  it('computes t999 from the trials, whatever --t lists', () => {
    const a = ok([...PAPER, '--t', '0', '--trials', '20000']);
    const b = ok([...PAPER, '--t', '5,50,500', '--trials', '20000']);
    expect(b.t999).toBe(a.t999);
    // It is the smallest t at which P reaches 0.999: P there is ≥ 0.999, and just below it is not.
    const at = ok([...PAPER, '--t', `${a.t999},${a.t999 * (1 - 1e-12)}`, '--trials', '20000']);
    expect(at.points[0]!.pConsistent).toBeGreaterThanOrEqual(0.999);
    expect(at.points[1]!.pConsistent).toBeLessThan(0.999);
  });

  it(`defaults to --trials ${DEFAULT_TRIALS} and --seed ${DEFAULT_SEED}`, () => {
    const args = parseStalenessArgs([...PAPER, '--t', '0']);
    if (!args.ok || !('args' in args)) throw new Error('rejected');
    expect(args.args.trials).toBe(100_000);
    expect(args.args.seed).toBe(1);
    const byDefault = ok([...PAPER, '--t', '0,3']);
    expect(ok([...PAPER, '--t', '0,3', '--trials', '100000', '--seed', '1'])).toEqual(byDefault);
    expect(ok([...PAPER, '--t', '0,3', '--seed', '2'])).not.toEqual(byDefault);
    expect(ok([...PAPER, '--t', '0,3', '--trials', '99999'])).not.toEqual(byDefault);
  });

  it('--A, --R and --S default to --W’s distribution', () => {
    const base = ['--n', '3', '--r', '1', '--w', '1', '--t', '0,2', '--trials', '5000'];
    const implicit = ok([...base, '--W', 'uniform:0:4']);
    expect(ok([...base, '--W', 'uniform:0:4', '--A', 'uniform:0:4', '--R', 'uniform:0:4', '--S', 'uniform:0:4'])).toEqual(implicit);
    expect(ok([...base, '--W', 'uniform:0:4', '--S', 'exp:1'])).not.toEqual(implicit);
  });

  it('takes --option=value as well, and gives exactly 1 for W + R > N', () => {
    const out = ok(['--n=3', '--r=2', '--w=2', '--W=pareto:1:1.5', '--t=0,0.5', '--trials=2000']);
    expect(out.points.map((p) => p.pConsistent)).toEqual([1, 1]);
    expect(out.t999).toBe(0);
  });
});

describe('staleness CLI: bad arguments exit 2 with one line naming the problem', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag', [...PAPER, '--t', '0', '--bogus', '1'], /^unknown option "--bogus"\. usage:/],
    ['a stray argument', [...PAPER, '--t', '0', 'extra'], /^unexpected argument "extra"/],
    ['a distribution that does not parse', ['--n', '3', '--r', '1', '--w', '1', '--W', 'exp:fast', '--t', '0'], /^--W: distribution "exp:fast": RATE must be a number/],
    ['an unknown distribution in --S', [...PAPER.slice(0, 8), '--S', 'normal:1', '--t', '0'], /^--S: distribution "normal:1": unknown kind "normal"/],
    ['a mixture in the wrong order', [...PAPER.slice(0, 8), '--A', 'mix:0.5:pareto:1:2:exp:1', '--t', '0'], /^--A: distribution .*expected mix:P:exp:RATE:pareto:XM:ALPHA/],
    ['R above N', ['--n', '3', '--r', '4', '--w', '1', '--W', 'exp:1', '--t', '0'], /^--r: R must be a whole number in 1\.\.N \(N=3\), not "4"/],
    ['R of 0', ['--n', '3', '--r', '0', '--w', '1', '--W', 'exp:1', '--t', '0'], /^--r: R must be a whole number in 1\.\.N/],
    ['W above N', ['--n', '3', '--r', '1', '--w', '5', '--W', 'exp:1', '--t', '0'], /^--w: W must be a whole number in 1\.\.N \(N=3\), not "5"/],
    ['a fractional N', ['--n', '2.5', '--r', '1', '--w', '1', '--W', 'exp:1', '--t', '0'], /^--n: N must be a whole number/],
    ['a missing value at the end', [...PAPER, '--t'], /^--t: needs a value\. usage:/],
    ['a missing value before the next flag', [...PAPER, '--trials', '--t', '0'], /^--trials: needs a value/],
    ['an empty value', [...PAPER, '--t='], /^--t: needs a value/],
    ['a non-numeric t', [...PAPER, '--t', '0,soon,10'], /^--t: "soon" is not a number/],
    ['an empty t in the list', [...PAPER, '--t', '0,,10'], /^--t: "" is not a number/],
    ['a negative t', [...PAPER, '--t', '-1'], /^--t: times must be ≥ 0 ms, not "-1"/],
    ['no --t', [...PAPER], /^missing --t\. usage:/],
    ['no --W', ['--n', '3', '--r', '1', '--w', '1', '--t', '0'], /^missing --W\. usage:/],
    ['zero trials', [...PAPER, '--t', '0', '--trials', '0'], /^--trials: must be a whole number in 1\.\.10000000, not "0"/],
    ['too many trials', [...PAPER, '--t', '0', '--trials', '1e9'], /^--trials: must be a whole number/],
    ['a k of 0', [...PAPER, '--t', '0', '--k', '0'], /^--k: k must be a whole number ≥ 1, not "0"/],
    ['a negative seed', [...PAPER, '--t', '0', '--seed', '-3'], /^--seed: must be a whole number in 0\.\.4294967295/],
    ['a flag given twice', [...PAPER, '--t', '0', '--n', '4'], /^--n: given twice$/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, () => {
      expect(fails(argv)).toMatch(message);
    });
  }

  it('escapes control characters from the input', () => {
    expect(fails([...PAPER, '--t', '\u001b[2J']).includes('\u001b')).toBe(false);
  });
});

describe('staleness CLI as a process', () => {
  function cli(args: string[]) {
    const res = spawnSync(TSX, ['src/cli/staleness.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (res.error) throw res.error;
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }

  it('prints the JSON object and exits 0', () => {
    const run = cli([...PAPER, '--t', '0,1,10,100', '--trials', '20000', '--k', '2']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(stalenessCli([...PAPER, '--t', '0,1,10,100', '--trials', '20000', '--k', '2']).stdout));
  });

  it('exits 2 with one line on stderr and nothing on stdout', () => {
    const run = cli(['--n', '3', '--r', '1', '--w', '4', '--W', 'exp:1', '--t', '0']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: '--w: W must be a whole number in 1..N (N=3), not "4"\n' });
  });
});
