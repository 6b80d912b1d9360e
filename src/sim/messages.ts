// Everything that crosses the network, as data. Replicas never call each
// other: they emit these and the network decides when, whether and in which
// order they arrive.

import { asIs, type ShowUserText } from './stepText';
import type { NodeId } from './types';
import type { Sibling } from './versions';

export type Message =
  /** A replica write; `hintFor` marks a sloppy-quorum substitute's copy. */
  | { type: 'write'; req: number; key: string; siblings: readonly Sibling[]; hintFor?: NodeId }
  | { type: 'writeAck'; req: number; key: string }
  | { type: 'read'; req: number; key: string }
  | { type: 'readResp'; req: number; key: string; siblings: readonly Sibling[] }
  | { type: 'repair'; req: number; key: string; siblings: readonly Sibling[] }
  | { type: 'repairAck'; req: number; key: string }
  | { type: 'replay'; hint: string; key: string; siblings: readonly Sibling[] }
  | { type: 'replayAck'; hint: string; key: string }
  /** Merkle hashes of some tree nodes, for the peer to compare with its own. */
  | { type: 'merkle'; session: string; level: number; nodes: readonly MerkleNodeHash[] }
  /** Key versions of differing leaves; `final` marks the reply that ends the session. */
  | { type: 'sync'; session: string; leaves: readonly MerkleLeaf[]; entries: readonly SyncEntry[]; final: boolean };

export interface MerkleNodeHash {
  range: number;
  index: number;
  hash: number;
}

export interface MerkleLeaf {
  range: number;
  index: number;
}

export interface SyncEntry {
  key: string;
  siblings: readonly Sibling[];
}

export type MessageType = Message['type'];

/** The short label a message wears in every view (see UI.md). */
export const MESSAGE_LABEL: Record<MessageType, string> = {
  write: 'W',
  writeAck: 'ack',
  read: 'R',
  readResp: 'resp',
  repair: 'repair',
  repairAck: 'ack',
  replay: 'replay',
  replayAck: 'ack',
  merkle: 'hash',
  sync: 'sync',
};

export function labelOf(msg: Message): string {
  return msg.type === 'write' && msg.hintFor ? 'hint' : MESSAGE_LABEL[msg.type];
}

/** One line a person can read in the event log; `show` sets the key and values apart. */
export function summarize(msg: Message, show: ShowUserText = asIs): string {
  switch (msg.type) {
    case 'write':
    case 'repair':
    case 'replay':
      return `${show(msg.key)} = ${describe(msg.siblings, show)}${msg.type === 'write' && msg.hintFor ? ` (hint for ${msg.hintFor})` : ''}`;
    case 'readResp':
      return `${show(msg.key)} = ${describe(msg.siblings, show)}`;
    case 'read':
    case 'writeAck':
    case 'repairAck':
    case 'replayAck':
      return show(msg.key);
    case 'merkle':
      return `${msg.nodes.length} hash${msg.nodes.length === 1 ? '' : 'es'} at level ${msg.level}`;
    case 'sync':
      return `${msg.entries.length} key${msg.entries.length === 1 ? '' : 's'}`;
  }
}

function describe(siblings: readonly Sibling[], show: ShowUserText): string {
  if (siblings.length === 0) return '(none)';
  return siblings.map((s) => (s.value === null ? '(deleted)' : show(JSON.stringify(s.value)))).join(' | ');
}
