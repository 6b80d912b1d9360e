// One plain sentence per scenario step, for the trace and the event log.

import type { Step } from './types';

export function describeStep(s: Step): string {
  switch (s.do) {
    case 'put':
      return `${s.client} writes ${s.key} = ${JSON.stringify(s.value)}${s.coordinator ? ` via ${s.coordinator}` : ''}${s.w ? ` (W = ${s.w})` : ''}${s.blind ? ' without context' : ''}`;
    case 'get':
      return `${s.client} reads ${s.key}${s.coordinator ? ` via ${s.coordinator}` : ''}${s.r ? ` (R = ${s.r})` : ''}`;
    case 'delete':
      return `${s.client} deletes ${s.key}${s.coordinator ? ` via ${s.coordinator}` : ''}${s.w ? ` (W = ${s.w})` : ''}`;
    case 'kill':
      return `${s.node} crashes${s.wipe ? ' and loses its disk' : ''}`;
    case 'revive':
      return `${s.node} comes back`;
    case 'partition':
      return `the network splits into ${s.groups.map((g) => `{${g.join(', ')}}`).join(' and ')}`;
    case 'cut':
      return `messages from ${s.from} to ${s.to} are lost`;
    case 'heal':
      return 'the network heals';
    case 'repair':
      return `anti-entropy between ${s.nodes[0]} and ${s.nodes[1]}`;
    case 'skew':
      return `${s.node}'s clock is off by ${s.offsetMs >= 0 ? '+' : ''}${s.offsetMs} ms`;
    case 'drop':
      return `${Math.round(s.rate * 100)}% of messages are lost from now on`;
    case 'load':
      return `${s.key} = ${JSON.stringify(s.value)} placed directly on ${s.node}`;
  }
}
