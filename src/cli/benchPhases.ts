// `tsx src/cli/benchPhases.ts <scenario.json> [<checkout root>]`: the steps
// of `npm run sim` on one scenario, timed one by one in a fresh process as
// cold as the CLI's own, for `npm run bench`'s breakdown. Prints one JSON
// line of milliseconds. With a checkout root (e.g. a `git worktree` of an
// older commit), that checkout's engine and scenario parser are timed.
//
// Order, as in src/cli/sim.ts: load the modules, read and parse the file,
// run the kernel, build the report (the trace hash, the metrics and the
// operations in one pass over the log, then the replicas), JSON.stringify
// it and write it out. Each step is timed in wall and CPU time (user +
// system of this process).

import { openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as SimModule from '../sim';
import type * as ScenarioModule from '../scenario';

type Sim = typeof SimModule;
type Scenario = typeof ScenarioModule;

async function main(): Promise<void> {
  const [file, rootArg] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: tsx src/cli/benchPhases.ts <scenario.json> [<checkout root>]');
  const root = rootArg !== undefined ? resolve(rootArg) : fileURLToPath(new URL('../..', import.meta.url));
  const processMs = performance.now();
  const t = () => performance.now();
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };

  let t0 = t();
  const sim = (await import(pathToFileURL(join(root, 'src/sim/index.ts')).href)) as Sim;
  const scenarioModule = (await import(pathToFileURL(join(root, 'src/scenario/index.ts')).href)) as Scenario;
  const importMs = t() - t0;

  t0 = t();
  const parsed = scenarioModule.parseScenarioJson(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const parseMs = t() - t0;

  t0 = t();
  let c0 = cpu();
  const run = sim.runScenario(parsed.scenario);
  const runMs = t() - t0;
  const runCpuMs = cpu() - c0;

  t0 = t();
  c0 = cpu();
  const report = sim.buildReport(run);
  const reportMs = t() - t0;
  const reportCpuMs = cpu() - c0;

  t0 = t();
  const text = `${JSON.stringify(report)}\n`;
  writeSync(openSync('/dev/null', 'w'), text);
  const jsonMs = t() - t0;

  process.stdout.write(
    `${JSON.stringify({
      events: run.kernel.events,
      processMs,
      importMs,
      parseMs,
      runMs,
      runCpuMs,
      reportMs,
      reportCpuMs,
      jsonMs,
      jsonBytes: text.length,
    })}\n`,
  );
}

await main();
