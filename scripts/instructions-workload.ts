// The workload `npm run bench:instructions` counts: `engine` runs the
// benchmark scenario, `bare` sends the bare actor of `npm run bench` as many
// events as that run processes. Usage: instructions-workload.ts engine|bare ROUNDS
import { Kernel } from '../src/sim/kernel';
import { faultyWorkload } from '../src/cli/workload';
import { bareSeconds } from '../src/cli/bareActor';

const [what, rounds] = [process.argv[2], Number(process.argv[3] ?? 1)];
const scenario = faultyWorkload(16, 10_000);
// One engine run, whatever is counted, to learn the event count: it is the
// same in the 2-round and the 6-round process, so it cancels out.
const first = new Kernel(scenario);
first.runToEnd();
for (let i = 0; i < rounds; i++) {
  if (what === 'engine') new Kernel(scenario).runToEnd();
  else bareSeconds(first.events);
}
