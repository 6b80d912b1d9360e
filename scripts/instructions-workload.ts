// The workload `npm run bench:instructions` counts: `engine` runs the
// benchmark scenario, `bare` sends the same number of events to the bare
// actor of `npm run bench`. Usage: instructions-workload.ts engine|bare ROUNDS
import { Kernel } from '../src/sim/kernel';
import { faultyWorkload } from '../src/cli/workload';
import { bareSeconds } from '../src/cli/bareActor';

const [what, rounds] = [process.argv[2], Number(process.argv[3] ?? 1)];
const scenario = faultyWorkload(16, 10_000);
for (let i = 0; i < rounds; i++) {
  if (what === 'engine') new Kernel(scenario).runToEnd();
  else bareSeconds(44_490);
}
