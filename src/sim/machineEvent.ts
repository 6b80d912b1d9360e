// The one event object the kernel hands to the machines, reused for every
// send (a machine reads it only while `send` runs, never keeps it, and sends
// never nest).
//
// Why one object with every field, rather than one literal per kind: XState
// reads `event.type` at half a dozen places on every send, and our handlers
// read the fields after it. With a dozen event shapes each of those loads
// was megamorphic, a probe of V8's global stub cache (megamorphic loads of
// every kind were about a fifth of the L1 misses charged to V8's builtins);
// with one shape they stay cheap.

import type { TimerEvent } from './effects';
import type { Message } from './messages';
import type { NodeId } from './types';
import { EMPTY_VV, type VersionVector } from './versions';

/** Every field any machine event has; a kind uses the ones its type in
 *  effects.ts and the machines names, and the rest keep neutral values. */
export interface MachineEvent {
  type: string;
  now: number;
  /** A delivered message and its sender. */
  from: NodeId;
  msg: Message | null;
  /** Client requests (and a request's TIMEOUT: `op`). */
  op: number;
  key: string;
  value: string | null;
  w: number;
  r: number;
  context: VersionVector;
  clock: number;
  /** PEER_UP/PEER_DOWN, REPLAY_RETRY, START_SESSION. */
  peer: NodeId;
  /** REVIVE: the peers the restarted node finds unreachable. */
  knownDown: readonly NodeId[];
  /** SESSION_TIMEOUT. */
  session: string;
}

const NONE: readonly NodeId[] = [];

export function newMachineEvent(): MachineEvent {
  return { type: '', now: 0, from: '', msg: null, op: 0, key: '', value: null, w: 0, r: 0, context: EMPTY_VV, clock: 0, peer: '', knownDown: NONE, session: '' };
}

/** Make `ev` a fresh event of `type` at `now`: every other field back to its
 *  neutral value, so nothing of the previous event shows through. */
export function resetEvent(ev: MachineEvent, type: string, now: number): MachineEvent {
  ev.type = type;
  ev.now = now;
  ev.from = '';
  ev.msg = null;
  ev.op = 0;
  ev.key = '';
  ev.value = null;
  ev.w = 0;
  ev.r = 0;
  ev.context = EMPTY_VV;
  ev.clock = 0;
  ev.peer = '';
  ev.knownDown = NONE;
  ev.session = '';
  return ev;
}

/** `ev` as the timer event a machine asked for, firing at `now`. */
export function timerEvent(ev: MachineEvent, timer: TimerEvent, now: number): MachineEvent {
  resetEvent(ev, timer.type, now);
  switch (timer.type) {
    case 'TIMEOUT':
      ev.op = timer.op;
      break;
    case 'REPLAY_RETRY':
      ev.peer = timer.peer;
      break;
    case 'SESSION_TIMEOUT':
      ev.session = timer.session;
      break;
    case 'AE_TICK':
      break;
  }
  return ev;
}
