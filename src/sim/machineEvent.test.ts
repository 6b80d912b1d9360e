import { describe, expect, it } from 'vitest';
import { newMachineEvent, resetEvent, timerEvent } from './machineEvent';
import { EMPTY_VV } from './versions';

describe('the shared machine event', () => {
  it('keeps nothing of the previous event when reset', () => {
    const ev = newMachineEvent();
    resetEvent(ev, 'CLIENT_WRITE', 5);
    Object.assign(ev, { from: 'n1', msg: { type: 'writeAck', req: 1, key: 'k' }, op: 3, key: 'k', value: 'v', w: 2, r: 2, context: { n1: 1 }, clock: 9, peer: 'n2', knownDown: ['n3'], session: 's' });
    expect(resetEvent(ev, 'KILL', 7)).toEqual({ ...newMachineEvent(), type: 'KILL', now: 7 });
    expect(ev.context).toBe(EMPTY_VV);
  });

  it('carries each timer event with its own field', () => {
    const ev = newMachineEvent();
    expect(timerEvent(ev, { type: 'TIMEOUT', op: 4 }, 10)).toMatchObject({ type: 'TIMEOUT', op: 4, now: 10, peer: '' });
    expect(timerEvent(ev, { type: 'REPLAY_RETRY', peer: 'n2' }, 11)).toMatchObject({ type: 'REPLAY_RETRY', peer: 'n2', op: 0, now: 11 });
    expect(timerEvent(ev, { type: 'SESSION_TIMEOUT', session: 'n1:3' }, 12)).toMatchObject({ type: 'SESSION_TIMEOUT', session: 'n1:3', peer: '' });
    expect(timerEvent(ev, { type: 'AE_TICK' }, 13)).toEqual({ ...newMachineEvent(), type: 'AE_TICK', now: 13 });
  });

  it('has one shape whatever its kind (the point of sharing it)', () => {
    const a = resetEvent(newMachineEvent(), 'write', 1);
    const b = timerEvent(newMachineEvent(), { type: 'REPLAY_RETRY', peer: 'n1' }, 2);
    expect(Object.keys(a)).toEqual(Object.keys(b));
  });
});
