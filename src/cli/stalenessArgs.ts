// Command-line parsing for `npm run staleness`, kept apart from I/O so that
// it is easy to test (as args.ts is for `npm run sim`). Errors are one line,
// naming the option and what is wrong with it; what the user typed is quoted
// (escaped and shortened).

import { quote } from '../scenario/wording';
import { parseDistribution, type Distribution } from '../staleness/distribution';
import { configError, MAX_N, type WarsConfig } from '../staleness/wars';

export const DEFAULT_TRIALS = 100_000;
export const MAX_TRIALS = 10_000_000;
export const DEFAULT_SEED = 1;

export const USAGE =
  'usage: npm run --silent staleness -- --n N --r R --w W --W DIST [--A DIST] [--R DIST] [--S DIST] --t T1,T2,… ' +
  `[--trials COUNT (default ${DEFAULT_TRIALS})] [--k K] [--seed SEED (default ${DEFAULT_SEED})]; ` +
  'DIST: exp:RATE | fixed:MS | uniform:MIN:MAX | pareto:XM:ALPHA | mix:P:exp:RATE:pareto:XM:ALPHA';

export interface StalenessArgs {
  config: WarsConfig;
  ts: number[];
  trials: number;
  seed: number;
  k?: number;
}

export type ParsedStalenessArgs = { ok: true; args: StalenessArgs } | { ok: false; error: string } | { ok: true; help: true };

const OPTIONS = ['--n', '--r', '--w', '--W', '--A', '--R', '--S', '--t', '--trials', '--k', '--seed'] as const;
type Option = (typeof OPTIONS)[number];

/** A decimal number as a person types it: "3", "0.5", "1e5"; not "", "0x10", "Infinity". */
function decimal(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function parseStalenessArgs(argv: readonly string[]): ParsedStalenessArgs {
  const values = new Map<Option, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { ok: true, help: true };
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (!(OPTIONS as readonly string[]).includes(name)) {
      if (a.startsWith('-')) return { ok: false, error: `unknown option ${quote(name)}. ${USAGE}` };
      return { ok: false, error: `unexpected argument ${quote(a)}. ${USAGE}` };
    }
    const option = name as Option;
    let value: string | undefined;
    if (name !== a) value = a.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value !== undefined && value.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined || value === '') return { ok: false, error: `${option}: needs a value. ${USAGE}` };
    if (values.has(option)) return { ok: false, error: `${option}: given twice` };
    values.set(option, value);
  }

  const whole = (option: Option, min: number, max: number, what: string): number | string => {
    const text = values.get(option)!;
    const n = decimal(text);
    if (n === undefined || !Number.isInteger(n) || n < min || n > max) return `${option}: ${what}, not ${quote(text)}`;
    return n;
  };
  for (const required of ['--n', '--r', '--w', '--W', '--t'] as const) {
    if (!values.has(required)) return { ok: false, error: `missing ${required}. ${USAGE}` };
  }
  const n = whole('--n', 1, MAX_N, `N must be a whole number in 1..${MAX_N}`);
  if (typeof n === 'string') return { ok: false, error: n };
  const r = whole('--r', 1, n, `R must be a whole number in 1..N (N=${n})`);
  if (typeof r === 'string') return { ok: false, error: r };
  const w = whole('--w', 1, n, `W must be a whole number in 1..N (N=${n})`);
  if (typeof w === 'string') return { ok: false, error: w };

  const legs: Partial<Record<'W' | 'A' | 'R' | 'S', Distribution>> = {};
  for (const leg of ['W', 'A', 'R', 'S'] as const) {
    // --A, --R and --S default to --W's distribution.
    const text = values.get(`--${leg}`) ?? values.get('--W')!;
    const parsed = parseDistribution(text);
    if (!parsed.ok) return { ok: false, error: `--${values.has(`--${leg}`) ? leg : 'W'}: ${parsed.error}` };
    legs[leg] = parsed.dist;
  }
  const config: WarsConfig = { n, r, w, legs: { W: legs.W!, A: legs.A!, R: legs.R!, S: legs.S! } };
  const invalid = configError(config);
  if (invalid) return { ok: false, error: invalid };

  const ts: number[] = [];
  for (const part of values.get('--t')!.split(',')) {
    const t = decimal(part.trim());
    if (t === undefined) return { ok: false, error: `--t: ${quote(part)} is not a number (give times in ms, comma-separated: --t 0,1,10)` };
    if (t < 0) return { ok: false, error: `--t: times must be ≥ 0 ms, not ${quote(part)}` };
    ts.push(t);
  }

  let trials = DEFAULT_TRIALS;
  if (values.has('--trials')) {
    const v = whole('--trials', 1, MAX_TRIALS, `must be a whole number in 1..${MAX_TRIALS}`);
    if (typeof v === 'string') return { ok: false, error: v };
    trials = v;
  }
  let seed = DEFAULT_SEED;
  if (values.has('--seed')) {
    const v = whole('--seed', 0, 0xffffffff, 'must be a whole number in 0..4294967295');
    if (typeof v === 'string') return { ok: false, error: v };
    seed = v;
  }
  const args: StalenessArgs = { config, ts, trials, seed };
  if (values.has('--k')) {
    const v = whole('--k', 1, Number.MAX_SAFE_INTEGER, 'k must be a whole number ≥ 1');
    if (typeof v === 'string') return { ok: false, error: v };
    args.k = v;
  }
  return { ok: true, args };
}
