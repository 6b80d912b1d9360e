// What `npm run sim` runs, started without npm: the bench times it and the
// CLI's own tests run it, so both exercise the command line users get
// (package.json's `sim` script, with its V8 flags).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIM_ENTRY = 'src/cli/sim.ts';

/** `root`'s package.json `sim` script (e.g. `node <V8 flags> --import tsx
 *  src/cli/sim.ts`, or `tsx src/cli/sim.ts` in older checkouts) as a command
 *  and its words. */
export function simCommand(root: string): { cmd: string; args: string[] } {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['sim'];
  const [first, ...args] = (script ?? `tsx ${SIM_ENTRY}`).trim().split(/\s+/);
  return { cmd: first === 'node' ? process.execPath : join(root, 'node_modules/.bin', first!), args };
}
