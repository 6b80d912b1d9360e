// `npm run --silent staleness -- --n 3 --r 1 --w 1 --W exp:0.1 --A exp:1
// --R exp:1 --S exp:1 --t 0,1,10,100 [--trials 100000] [--k 2] [--seed 1]`:
// the WARS model of issue 16 (src/staleness). Prints exactly one JSON object
//   { "points": [{ "t": 0, "pConsistent": … }, …], "t999": …, "pWithinK": … }
// on stdout: P(consistent) at each --t (ms after the write commits), the
// smallest t at which it reaches 0.999 (from the trials, whatever --t
// lists), and with --k the closed-form probability of reading one of the
// last k versions. --A, --R and --S default to --W's distribution; --trials
// defaults to 100,000 and --seed to 1. Invalid arguments: exit code 2, one
// line on stderr, nothing on stdout.

import { pathToFileURL } from 'node:url';
import { pWithinK } from '../staleness/kStaleness';
import { simulate } from '../staleness/wars';
import { errorLine } from './errorLine';
import { parseStalenessArgs, USAGE } from './stalenessArgs';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function stalenessCli(argv: readonly string[]): CliOutcome {
  const parsed = parseStalenessArgs(argv);
  if (!parsed.ok) return { code: 2, stdout: '', stderr: errorLine(parsed.error) };
  if ('help' in parsed) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  const { config, ts, trials, seed, k } = parsed.args;
  const result = simulate(config, ts, trials, seed);
  const out = k === undefined ? result : { ...result, pWithinK: pWithinK(config.n, config.r, config.w, k) };
  return { code: 0, stdout: `${JSON.stringify(out)}\n`, stderr: '' };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = stalenessCli(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
