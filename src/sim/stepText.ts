// One plain sentence per scenario step, for the trace and the event log.

import type { Step } from './types';

/** How user text (a client, a key, a quoted value) enters a sentence; the
 *  page passes one that isolates it from the sentence's direction. */
export type ShowUserText = (text: string) => string;
export const asIs: ShowUserText = (text) => text;

export function describeStep(s: Step, show: ShowUserText = asIs): string {
  switch (s.do) {
    case 'put':
      return `${show(s.client)} writes ${show(s.key)} = ${show(JSON.stringify(s.value))}${s.coordinator ? ` via ${s.coordinator}` : ''}${s.w ? ` (W = ${s.w})` : ''}${s.blind ? ' without context' : ''}`;
    case 'get':
      return `${show(s.client)} reads ${show(s.key)}${s.coordinator ? ` via ${s.coordinator}` : ''}${s.r ? ` (R = ${s.r})` : ''}`;
    case 'delete':
      return `${show(s.client)} deletes ${show(s.key)}${s.coordinator ? ` via ${s.coordinator}` : ''}${s.w ? ` (W = ${s.w})` : ''}`;
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
      return `${show(s.key)} = ${show(JSON.stringify(s.value))} placed directly on ${s.node}`;
  }
}
