// The words for how one side of an anti-entropy session ended. The trace
// keeps the facts (`SessionOutcome`); the Event log and the Merkle tab
// say them with these.

import type { SessionOutcome } from '../../sim/machines/protocol';
import type { NodeId } from '../../sim/types';

export function sessionOutcomeText(node: NodeId, outcome: SessionOutcome): string {
  switch (outcome.kind) {
    case 'noRanges':
      return 'no key ranges in common';
    case 'equal':
      return 'trees already equal';
    case 'took':
      return `${node} took ${outcome.keys} key${outcome.keys === 1 ? '' : 's'}`;
    case 'abandoned':
      return `abandoned: no reply from ${outcome.peer} within ${outcome.afterMs} ms`;
    case 'crashed':
      return 'aborted: node went down';
  }
}
