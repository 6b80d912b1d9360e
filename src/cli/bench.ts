// `npm run bench [-- --json] [--repeats 7] [--root DIR]`: the engine's
// figures, as issue 15 ("Performance, as users feel it") defines them.
// Prints a table for people and, with --json, one JSON document. Record
// results in docs/BENCHMARKS.md.
//
// (a) A whole CLI run: what `npm run sim -- <file>` runs (the checkout's
//     package.json script, started directly), output to /dev/null, timed as a process, on the scenario of
//     `cliRunScenario()` (16 nodes, 10,000 operations over 200 keys, kills,
//     revives, a partition, 1 % drops, exponential latency), net of the same
//     command on that scenario with no steps (the CLI's start-up). Against
//     it, in this process, a bare XState actor (bareActor.ts) receiving as
//     many events as the run's kernel handled. Ratio = bare actor's time /
//     net CLI time: floor 0.3, goal 0.5. Each round times the empty run, the
//     full run and the bare actor in turn, so that all three meet the same
//     machine conditions; the medians and min–max over the rounds are
//     printed, and the ratio is taken round by round. On Linux the same is
//     also printed in CPU time (user + system, of the CLI's processes from
//     /proc/self/stat's children's times, of the bare actor from
//     process.cpuUsage()), which a busy shared machine moves less than wall
//     time.
// (b) Where a CLI run's time goes: src/cli/benchPhases.ts in fresh
//     processes started as this checkout's `sim` script starts (module loading, parsing, kernel run, the report — trace
//     hash, metrics and operations in one pass — and JSON), medians over
//     the rounds; the run and the report also in CPU time.
// (c) Merkle repair of two replicas holding 65,536 keys that differ in one.
// (d) Issue 16: WARS Monte Carlo trials per second (N = 3) next to the cost
//     of drawing the same random numbers alone, in this run
//     (src/staleness/bench.ts): target "a trial costs ≤ 2× its random
//     draws".
//
// --root DIR times another checkout's CLI and engine on the same scenario
// file (e.g. a `git worktree` of an older commit with node_modules linked);
// (c) and (d) are then left out, being this checkout's code only.
//
// The engine's own loop against the bare actor (the figure this bench
// printed before issue 15) is no longer a target; the kernel run's share is
// in (b).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kernel } from '../sim/kernel';
import { metricsAt } from '../sim/metrics';
import { stalenessBench } from '../staleness/bench';
import { bareSeconds } from './bareActor';
import { SIM_ENTRY, simCommand } from './simCommand';
import { cliRunScenario, merkleRepairScenario } from './workload';

const HERE = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FLOOR = 0.3;
const GOAL = 0.5;
/** Issue 16: a WARS trial costs at most this many times its random draws. */
const STALENESS_TARGET = 2;

interface Options {
  json: boolean;
  repeats: number;
  root: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, repeats: 7, root: HERE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--repeats') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error('--repeats needs a positive whole number');
      o.repeats = n;
    } else if (a === '--root') o.root = resolve(value());
    else throw new Error(`unknown argument "${a}". usage: npm run bench [-- --json] [--repeats 7] [--root DIR]`);
  }
  return o;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}

/** CPU ms (user + system) of this process's finished, waited-for children
 *  (Linux: cutime + cstime of /proc/self/stat, in 10 ms ticks); null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Runs `root`'s `sim` script with `entry` in place of src/cli/sim.ts and
 *  `args` after it, stdout to `stdout` (a file descriptor or 'pipe'); throws
 *  unless it exits 0. */
function simScript(root: string, args: string[], stdout: number | 'pipe', entry = SIM_ENTRY): { ms: number; cpuMs: number | null; out: string } {
  const sim = simCommand(root);
  const words = [...sim.args.map((a) => (a === SIM_ENTRY ? entry : a)), ...args];
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(sim.cmd, words, { cwd: root, stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${sim.cmd} ${words.join(' ')} in ${root} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, out: r.stdout ?? '' };
}

/** The bare actor's wall and CPU ms for `events` events. */
function bare(events: number): { ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const ms = bareSeconds(events) * 1000;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000 };
}

interface Phases {
  events: number;
  processMs: number;
  importMs: number;
  parseMs: number;
  runMs: number;
  runCpuMs: number;
  reportMs: number;
  reportCpuMs: number;
  jsonMs: number;
  jsonBytes: number;
}
const PHASE_NAMES = ['processMs', 'importMs', 'parseMs', 'runMs', 'runCpuMs', 'reportMs', 'reportCpuMs', 'jsonMs'] as const;

function cliRun(opts: Options) {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-bench-'));
  const devNull = openSync('/dev/null', 'w');
  try {
    const scenario = cliRunScenario();
    const full = join(dir, 'cli-run.json');
    const empty = join(dir, 'empty.json');
    writeFileSync(full, JSON.stringify(scenario));
    writeFileSync(empty, JSON.stringify({ ...scenario, title: 'benchmark: no steps', steps: [] }));
    // Untimed: warms the file cache and tsx's cache, and tells the run's size.
    simScript(opts.root, [empty], devNull);
    const report = JSON.parse(simScript(opts.root, [full], 'pipe').out) as { events: number; complete: boolean; traceHash: string };
    bareSeconds(report.events);

    const rounds: { emptyMs: number; fullMs: number; bareMs: number; netMs: number; ratio: number; cpu: { emptyMs: number; fullMs: number; bareMs: number; netMs: number; ratio: number } | null }[] = [];
    for (let i = 0; i < opts.repeats; i++) {
      const e = simScript(opts.root, [empty], devNull);
      const f = simScript(opts.root, [full], devNull);
      const b = bare(report.events);
      const cpu = e.cpuMs === null || f.cpuMs === null ? null : { emptyMs: e.cpuMs, fullMs: f.cpuMs, bareMs: b.cpuMs, netMs: f.cpuMs - e.cpuMs, ratio: b.cpuMs / (f.cpuMs - e.cpuMs) };
      rounds.push({ emptyMs: e.ms, fullMs: f.ms, bareMs: b.ms, netMs: f.ms - e.ms, ratio: b.ms / (f.ms - e.ms), cpu });
    }
    const cpuRounds = rounds.flatMap((r) => (r.cpu === null ? [] : [r.cpu]));
    const phases: Phases[] = [];
    for (let i = 0; i < opts.repeats; i++) {
      phases.push(JSON.parse(simScript(HERE, [full, opts.root], 'pipe', 'src/cli/benchPhases.ts').out) as Phases);
    }
    return {
      root: opts.root,
      scenario: { title: scenario.title, steps: scenario.steps.length, bytes: JSON.stringify(scenario).length },
      events: report.events,
      complete: report.complete,
      traceHash: report.traceHash,
      emptyMs: spread(rounds.map((r) => r.emptyMs)),
      fullMs: spread(rounds.map((r) => r.fullMs)),
      netMs: spread(rounds.map((r) => r.netMs)),
      bareMs: spread(rounds.map((r) => r.bareMs)),
      ratio: spread(rounds.map((r) => r.ratio)),
      cpu:
        cpuRounds.length === rounds.length
          ? {
              emptyMs: spread(cpuRounds.map((r) => r.emptyMs)),
              fullMs: spread(cpuRounds.map((r) => r.fullMs)),
              netMs: spread(cpuRounds.map((r) => r.netMs)),
              bareMs: spread(cpuRounds.map((r) => r.bareMs)),
              ratio: spread(cpuRounds.map((r) => r.ratio)),
            }
          : null,
      rounds,
      phases: Object.fromEntries(PHASE_NAMES.map((k) => [k, spread(phases.map((p) => p[k]))])) as Record<(typeof PHASE_NAMES)[number], Spread>,
      jsonBytes: phases[0]!.jsonBytes,
    };
  } finally {
    closeSync(devNull);
    rmSync(dir, { recursive: true, force: true });
  }
}

function merkleRows(keys: number): { depth: number; hashesCompared: number; keysSent: number; keysSynced: number; fullScanCompared: number; fullScanSent: number }[] {
  return [4, 8, 12, 16].map((depth) => {
    const kernel = new Kernel(merkleRepairScenario(keys, depth));
    kernel.runToEnd();
    const m = metricsAt(kernel.log);
    return { depth, hashesCompared: m.merkleHashesCompared, keysSent: m.keysSent, keysSynced: m.keysSynced, fullScanCompared: keys, fullScanSent: keys };
  });
}

/** (d) Issue 16's figure: a WARS trial's cost against its random draws alone. */
function stalenessFigures() {
  const b = stalenessBench();
  return { n: 3, trialsPerSecond: b.trialsPerSecond, drawsOnlyPerSecond: b.drawsOnlyPerSecond, ratio: b.ratio, target: STALENESS_TARGET, meetsTarget: b.ratio <= STALENESS_TARGET };
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const cli = cliRun(opts);
  const merkle = opts.root === HERE ? merkleRows(65_536) : null;
  const staleness = opts.root === HERE ? stalenessFigures() : null;
  const result = { node: process.version, repeats: opts.repeats, cli, floor: FLOOR, goal: GOAL, merkle, staleness };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const ms = (s: Spread) => `${fmt(s.median)} ms (${fmt(s.min)}–${fmt(s.max)})`;
  const verdict = cli.ratio.median >= GOAL ? 'goal met' : cli.ratio.median >= FLOOR ? 'floor met, goal not' : 'below the floor';
  console.log(`Node ${process.version}; CLI of ${cli.root}; ${opts.repeats} rounds, median (min–max)`);
  console.log(`(a) whole CLI run: ${cli.scenario.title}`);
  console.log(`    ${fmt(cli.scenario.steps)} steps, ${fmt(cli.events)} events, ${cli.complete ? 'complete' : 'CUT by the event cap'}, trace ${cli.traceHash}`);
  console.log(`    process, full scenario:  ${ms(cli.fullMs)}`);
  console.log(`    process, no steps:       ${ms(cli.emptyMs)}`);
  console.log(`    net CLI run:             ${ms(cli.netMs)}`);
  console.log(`    bare actor, ${fmt(cli.events)} events: ${ms(cli.bareMs)}`);
  console.log(`    ratio bare / net = ${cli.ratio.median.toFixed(3)} (${cli.ratio.min.toFixed(3)}–${cli.ratio.max.toFixed(3)}); floor ${FLOOR}, goal ${GOAL}: ${verdict}`);
  if (cli.cpu) {
    const c = cli.cpu;
    console.log(`    in CPU time (user + system): full ${ms(c.fullMs)}, no steps ${ms(c.emptyMs)}, net ${ms(c.netMs)}, bare actor ${ms(c.bareMs)}`);
    console.log(`    ratio in CPU time = ${c.ratio.median.toFixed(3)} (${c.ratio.min.toFixed(3)}–${c.ratio.max.toFixed(3)})`);
  }
  const p = cli.phases;
  console.log(`(b) where it goes (src/cli/benchPhases.ts, fresh processes):`);
  console.log(`    process start to main:   ${ms(p.processMs)}`);
  console.log(`    loading sim + scenario:  ${ms(p.importMs)}`);
  console.log(`    read + parse scenario:   ${ms(p.parseMs)}`);
  console.log(`    kernel run:              ${ms(p.runMs)}; CPU ${ms(p.runCpuMs)}; ${(((p.runCpuMs.median / cli.events) * 1000)).toFixed(1)} µs CPU per event`);
  console.log(`    report (hash, metrics, operations in one pass; replicas): ${ms(p.reportMs)}; CPU ${ms(p.reportCpuMs)}`);
  console.log(`    JSON.stringify + write:  ${ms(p.jsonMs)} (${fmt(cli.jsonBytes)} bytes)`);
  if (merkle) {
    console.log(`(c) Merkle repair, 2 replicas × 65,536 keys, 1 differing:`);
    console.log('    depth  hashes compared  keys sent  keys synced  | full scan: compared  sent');
    for (const r of merkle) {
      console.log(`    ${String(r.depth).padStart(5)}  ${fmt(r.hashesCompared).padStart(15)}  ${fmt(r.keysSent).padStart(9)}  ${fmt(r.keysSynced).padStart(11)}  | ${fmt(r.fullScanCompared).padStart(19)}  ${fmt(r.fullScanSent)}`);
    }
  }
  if (staleness) {
    const s = staleness;
    console.log(`(d) staleness, WARS Monte Carlo, N = ${s.n} (src/staleness/bench.ts, best of 5 alternating rounds):`);
    console.log(`    trials:             ${fmt(s.trialsPerSecond)} per second`);
    console.log(`    their draws alone:  ${fmt(s.drawsOnlyPerSecond)} trials' worth per second`);
    console.log(`    a trial costs ${s.ratio.toFixed(2)}× its random draws; target ≤ ${s.target}×: ${s.meetsTarget ? 'met' : 'NOT met'}`);
  }
}

main();
