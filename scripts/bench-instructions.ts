// `npm run bench:instructions`: the engine and the bare actor of `npm run
// bench`, counted in instructions and cache misses by valgrind's cachegrind
// instead of timed. Wall-clock figures on a shared VM move by ±10 % from run
// to run; these counts repeat to within about 1 %, so they show whether a
// change to the engine helps. Slow (several minutes) and needs valgrind.
//
// Each figure is per warmed-up run: (count with 6 runs − count with 2) / 4,
// so start-up, compilation and the first runs cancel out.

import { execFileSync, spawn } from 'node:child_process';

const FIELDS = { instructions: /I\s+refs:\s+([\d,]+)/, d1Misses: /D1\s+misses:\s+([\d,]+)/, llMisses: /LL misses:\s+([\d,]+)/ };
type Counts = Record<keyof typeof FIELDS, number>;

function count(what: string, rounds: number): Promise<Counts> {
  const args = ['--tool=cachegrind', '--cache-sim=yes', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', '--import', 'tsx', 'scripts/instructions-workload.ts', what, String(rounds)];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`valgrind failed on ${what}:\n${stderr.slice(-2000)}`));
      const out = {} as Counts;
      for (const [name, re] of Object.entries(FIELDS)) {
        const m = re.exec(stderr);
        if (!m) return reject(new Error(`no "${name}" in cachegrind's output`));
        out[name as keyof Counts] = Number(m[1]!.replaceAll(',', ''));
      }
      resolve(out);
    });
  });
}

/** The two counts run side by side (one per core on a 2-core machine). */
async function perRun(what: string): Promise<Counts> {
  const [few, many] = await Promise.all([count(what, 2), count(what, 6)]);
  const out = {} as Counts;
  for (const k of Object.keys(FIELDS) as (keyof Counts)[]) out[k] = (many[k] - few[k]) / 4;
  return out;
}

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('bench:instructions needs valgrind (apt-get install valgrind).');
  process.exit(1);
}
const engine = await perRun('engine');
const bare = await perRun('bare');
const m = (n: number) => `${(n / 1e6).toFixed(1)} M`;
console.log(`Node ${process.version}; per run of the bench workload (as many events for both)`);
console.log('                 instructions   D1 misses   LL misses');
for (const [name, c] of [['engine', engine], ['bare actor', bare]] as const) {
  console.log(`${name.padEnd(15)} ${m(c.instructions).padStart(13)} ${m(c.d1Misses).padStart(11)} ${m(c.llMisses).padStart(11)}`);
}
console.log(`bare / engine instructions = ${(bare.instructions / engine.instructions).toFixed(2)}`);
