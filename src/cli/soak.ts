// `npm run soak -- [--runs N] [--seed S] [--workers W]`: the engine's
// property invariants (src/sim/invariants.ts) over many random schedules
// (src/sim/arbitraries.ts), like properties.test.ts but far longer.
//
// For run i of invariant x the schedule comes from fast-check seed
// hash32(`${S}:${x}:${i}`), so a result depends on --seed and --runs only,
// never on --workers. Progress goes to stderr; the summary to stdout: per
// invariant how many ran and how many broke it and, for each broken one,
// the first failing run's seed and its shrunk scenario as JSON for
// `npm run --silent sim -- file.json`. Exit code 1 if any invariant broke,
// 2 on bad arguments.

import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { parseScenario } from '../scenario';
import { anyScenario, convergenceScenario, quorumScenario } from '../sim/arbitraries';
import { hash32 } from '../sim/hash';
import { converges, deterministic, noStaleReads, runsCleanly } from '../sim/invariants';
import type { SimScenario } from '../sim/types';

interface InvariantSpec {
  id: 'a' | 'b' | 'c' | 'd';
  title: string;
  arb: fc.Arbitrary<SimScenario>;
  check: (s: SimScenario) => string | null;
}

const INVARIANTS: readonly InvariantSpec[] = [
  { id: 'a', title: 'no stale read (W + R > N, strict, no concurrent writes)', arb: quorumScenario, check: noStaleReads },
  { id: 'b', title: 'replicas converge after heal + pairwise repair', arb: convergenceScenario, check: converges },
  { id: 'c', title: 'same scenario and seed, same trace hash', arb: anyScenario, check: deterministic },
  { id: 'd', title: 'no schedule throws; every request answered', arb: anyScenario, check: runsCleanly },
];

const USAGE = 'usage: npm run soak -- [--runs N] [--seed S] [--workers W]';

interface Options {
  runs: number;
  seed: number;
  workers: number;
}

function parseArgs(argv: readonly string[]): Options | string {
  const o: Options = { runs: 100_000, seed: randomInt(2 ** 31), workers: Math.max(1, availableParallelism()) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? flag.split('=', 2) : [flag, undefined];
    if (name === '--help' || name === '-h') return USAGE;
    if (name !== '--runs' && name !== '--seed' && name !== '--workers') return `unknown option "${flag}". ${USAGE}`;
    const text = inline ?? argv[++i];
    if (text === undefined) return `${name}: needs a value. ${USAGE}`;
    const n = Number(text);
    const min = name === '--seed' ? 0 : 1;
    if (!Number.isInteger(n) || n < min || n > 2 ** 32 - 1) return `${name}: must be a whole number ≥ ${min}, not "${text}"`;
    if (name === '--runs') o.runs = n;
    else if (name === '--seed') o.seed = n;
    else o.workers = n;
  }
  return o;
}

/** fast-check seed of run i of an invariant. */
const runSeed = (seed: number, id: string, i: number) => hash32(`${seed}:${id}:${i}`) | 0;

// ── workers: check runs i ≡ index (mod count) ─────────────────────────────

type FromWorker = { kind: 'progress'; id: InvariantSpec['id']; ran: number } | { kind: 'violation'; id: InvariantSpec['id']; run: number; message: string } | { kind: 'done' };

interface WorkerJob {
  seed: number;
  runs: number;
  index: number;
  count: number;
}

function work(job: WorkerJob, post: (m: FromWorker) => void): void {
  const BATCH = 25;
  for (const inv of INVARIANTS) {
    let ran = 0;
    for (let i = job.index; i < job.runs; i += job.count) {
      const [scenario] = fc.sample(inv.arb, { seed: runSeed(job.seed, inv.id, i), numRuns: 1 });
      let message: string | null;
      try {
        message = inv.check(scenario!);
      } catch (e) {
        message = `check threw: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (message !== null) post({ kind: 'violation', id: inv.id, run: i, message });
      if (++ran === BATCH) {
        post({ kind: 'progress', id: inv.id, ran });
        ran = 0;
      }
    }
    if (ran > 0) post({ kind: 'progress', id: inv.id, ran });
  }
  post({ kind: 'done' });
}

if (!isMainThread) {
  work(workerData as WorkerJob, (m) => parentPort!.postMessage(m));
} else {
  void main();
}

// ── main thread ────────────────────────────────────────────────────────────

interface Tally {
  ran: number;
  violations: { run: number; message: string }[];
}

async function runAll(o: Options, onMessage: (m: FromWorker) => void): Promise<void> {
  if (o.workers === 1) {
    work({ seed: o.seed, runs: o.runs, index: 0, count: 1 }, onMessage);
    return;
  }
  // Under tsx (`npm run soak`) the TypeScript loader is registered in this
  // thread only: a worker registers it before importing this file.
  const self = import.meta.url;
  const entry = self.endsWith('.ts')
    ? { code: `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); });`, eval: true }
    : { code: new URL(self), eval: false };
  const jobs = Array.from({ length: o.workers }, (_, index) => {
    const worker = new Worker(entry.code, { eval: entry.eval, workerData: { seed: o.seed, runs: o.runs, index, count: o.workers } satisfies WorkerJob });
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => (m.kind === 'done' ? resolve() : onMessage(m)));
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${index} exited with code ${code}`))));
    });
  });
  await Promise.all(jobs);
}

/** Re-run the first failing run under fast-check, shrinking its scenario. */
function shrink(inv: InvariantSpec, seed: number, run: number): { scenario: SimScenario; message: string } | null {
  let lastMessage = '';
  const details = fc.check(
    fc.property(inv.arb, (s) => {
      const m = inv.check(s);
      if (m !== null) lastMessage = m;
      return m === null;
    }),
    { seed: runSeed(seed, inv.id, run), numRuns: 1 },
  );
  if (!details.failed || !details.counterexample) return null;
  const [scenario] = details.counterexample;
  return { scenario, message: inv.check(scenario) ?? lastMessage };
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    process.exit(parsed === USAGE ? 0 : 2);
  }
  const o = parsed;
  o.workers = Math.min(o.workers, o.runs);
  const tallies = new Map<InvariantSpec['id'], Tally>(INVARIANTS.map((inv) => [inv.id, { ran: 0, violations: [] }]));
  const started = Date.now();
  let lastReport = 0;
  const total = o.runs * INVARIANTS.length;
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < 2000) return;
    lastReport = now;
    const done = [...tallies.values()].reduce((sum, t) => sum + t.ran, 0);
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const counts = INVARIANTS.map((inv) => `${inv.id}:${tallies.get(inv.id)!.ran}/${o.runs} ✗${tallies.get(inv.id)!.violations.length}`).join('  ');
    process.stderr.write(`soak: ${counts}  ${rate.toFixed(0)} checks/s, ~${eta} s left\n`);
  };
  process.stderr.write(`soak: ${o.runs} runs per invariant, seed ${o.seed}, ${o.workers} worker${o.workers === 1 ? '' : 's'}\n`);
  await runAll(o, (m) => {
    if (m.kind === 'progress') tallies.get(m.id)!.ran += m.ran;
    else if (m.kind === 'violation') {
      tallies.get(m.id)!.violations.push({ run: m.run, message: m.message });
      process.stderr.write(`soak: (${m.id}) violated at run ${m.run}: ${m.message.split('\n')[0]}\n`);
    }
    progress();
  });
  progress(true);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const out: string[] = [`Ringside soak: seed ${o.seed}, ${o.runs} runs per invariant, ${seconds} s`, ''];
  for (const inv of INVARIANTS) {
    const t = tallies.get(inv.id)!;
    out.push(`(${inv.id}) ${inv.title.padEnd(58)} ran ${String(t.ran).padStart(7)}   violated ${String(t.violations.length).padStart(5)}`);
  }
  let violated = false;
  for (const inv of INVARIANTS) {
    const t = tallies.get(inv.id)!;
    if (t.violations.length === 0) continue;
    violated = true;
    const first = t.violations.reduce((x, y) => (y.run < x.run ? y : x));
    process.stderr.write(`soak: shrinking (${inv.id}) run ${first.run}…\n`);
    const shrunk = shrink(inv, o.seed, first.run);
    out.push('', `(${inv.id}) ${inv.title}: ${t.violations.length} violation(s); first at run ${first.run}`);
    out.push(`    fast-check seed ${runSeed(o.seed, inv.id, first.run)} (again: npm run soak -- --seed ${o.seed} --runs ${first.run + 1})`);
    out.push(`    ${first.message.split('\n')[0]}`);
    if (!shrunk) {
      out.push('    (it did not fail again when re-run, so there is no shrunk scenario)');
      continue;
    }
    const valid = parseScenario(JSON.parse(JSON.stringify(shrunk.scenario)));
    out.push(`    shrunk: ${shrunk.message.split('\n')[0]}`);
    if (!valid.ok) out.push(`    (note: the shrunk scenario does not parse: ${valid.error})`);
    out.push('    shrunk scenario (save it as a file, then: npm run --silent sim -- file.json):', JSON.stringify(shrunk.scenario, null, 2));
  }
  out.push('', violated ? 'Some invariants were violated.' : 'No invariant was violated.');
  process.stdout.write(`${out.join('\n')}\n`);
  process.exitCode = violated ? 1 : 0;
}
