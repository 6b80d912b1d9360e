import { describe, expect, it } from 'vitest';
import { labelOf, type Message } from '../sim/messages';
import { KINDS, glyphKindOf, glyphOutline, glyphWidth, KIND_INFO } from './messageKinds';

const sib = [{ value: 'v', writeId: 0, ts: 0 }];
const SAMPLES: Message[] = [
  { type: 'write', req: 0, key: 'k', siblings: sib },
  { type: 'write', req: 0, key: 'k', siblings: sib, hintFor: 'n2' },
  { type: 'writeAck', req: 0, key: 'k' },
  { type: 'read', req: 0, key: 'k' },
  { type: 'readResp', req: 0, key: 'k', siblings: sib },
  { type: 'repair', req: 0, key: 'k', siblings: sib },
  { type: 'repairAck', req: 0, key: 'k' },
  { type: 'replay', hint: 'h', key: 'k', siblings: sib },
  { type: 'replayAck', hint: 'h', key: 'k' },
  { type: 'merkle', session: 's', level: 0, nodes: [] },
  { type: 'sync', session: 's', leaves: [], entries: [], final: true },
];

describe('message kinds', () => {
  it('give every message the label the simulation gives it', () => {
    for (const msg of SAMPLES) expect(KIND_INFO[glyphKindOf(msg)].label).toBe(labelOf(msg));
  });

  it('cover the nine kinds of UI.md, each told apart without colour', () => {
    expect(KINDS.map((k) => k.label)).toEqual(['W', 'hint', 'ack', 'R', 'resp', 'repair', 'replay', 'hash', 'sync']);
    const looks = KINDS.map((k) => `${k.label}|${k.shape}|${k.solid}|${k.dashed}`);
    expect(new Set(looks).size).toBe(KINDS.length);
    // Requests are outlines and their answers solid: the same shape, filled.
    expect(KIND_INFO.write.solid).toBe(false);
    expect(KIND_INFO.ack.solid).toBe(true);
    expect(KIND_INFO.hint.dashed && KIND_INFO.replay.dashed).toBe(true);
  });

  it('draw outlines as wide as their label: pills, boxes and pointed tags', () => {
    expect(glyphOutline(KIND_INFO.write)).toEqual({ tag: 'rect', x: -24, y: -24, width: 48, height: 48, rx: 24 });
    expect(glyphOutline(KIND_INFO.hash)).toMatchObject({ tag: 'rect', rx: 0 });
    const repair = glyphOutline(KIND_INFO.repair);
    expect(repair.tag === 'polygon' && repair.points.split(' ')).toHaveLength(6);
    expect(glyphWidth('W')).toBeLessThan(glyphWidth('ack'));
    expect(glyphWidth('ack')).toBeLessThan(glyphWidth('replay'));
  });
});
