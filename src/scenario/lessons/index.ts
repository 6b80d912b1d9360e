// The built-in lessons, in course order.

import { antiEntropy } from './antiEntropy';
import { hintedHandoff } from './hintedHandoff';
import { lww } from './lww';
import { monitoring } from './monitoring';
import { quorumEdgeCases } from './quorumEdgeCases';
import { quorums } from './quorums';
import { readRepair } from './readRepair';
import { sessionGuarantees } from './sessionGuarantees';
import { siblings } from './siblings';
import { sloppyQuorum } from './sloppyQuorum';
import { staleRead } from './staleRead';
import { tombstones } from './tombstones';
import type { Lesson } from './types';

export type * from './types';
export { applyCompare } from './compare';

export const LESSONS: readonly Lesson[] = Object.freeze([
  quorums,
  staleRead,
  readRepair,
  hintedHandoff,
  sloppyQuorum,
  antiEntropy,
  lww,
  siblings,
  tombstones,
  quorumEdgeCases,
  monitoring,
  sessionGuarantees,
]);

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
