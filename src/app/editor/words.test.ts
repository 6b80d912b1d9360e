// The editor's messages, from real drafts: each is what parseScenario says
// (a field path, kept for files and the CLI) worded as the editor labels
// its rows and fields.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario';
import type { SimScenario } from '../../sim/types';
import { LATENCY_PER_LEG } from './draft';
import { addStep, editStep, openDraft, rowText, setHeader, setSetting, verdict, type EditorDraft } from './model';
import { editorWords } from './words';

const base: SimScenario = {
  ...structuredClone(DEFAULT_SCENARIO),
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 30, do: 'get', client: 'bob', key: 'cart' },
    { at: 40, do: 'kill', node: 'n3' },
    { at: 50, do: 'cut', from: 'n1', to: 'n2' },
    { at: 60, do: 'partition', groups: [['n1', 'n2'], ['n3']] },
    { at: 70, do: 'drop', rate: 0.1 },
    { at: 80, do: 'repair', nodes: ['n1', 'n2'] },
  ],
};

function field(d: EditorDraft, row: number, name: string, value: string): EditorDraft {
  const text = rowText(d, d.rows[row]!);
  return editStep(d, row, name === 'at' ? { ...text, at: value } : { ...text, fields: { ...text.fields, [name]: value } });
}

/** The message as parseScenario gives it, and as the editor shows it. */
function said(d: EditorDraft): { path: string; words: string } {
  const v = verdict(d);
  if (v.ok) throw new Error('expected a problem');
  return { path: v.error, words: editorWords(v.error) };
}

describe('editor messages in words', () => {
  const d0 = openDraft(base);
  it.each([
    ['a time that is not a number', field(d0, 1, 'at', 'soon'), 'steps[1].at: must be a number, not text (got "soon")', 'Step 1: time must be a number, not text (got "soon")'],
    ['a negative time', field(d0, 2, 'at', '-5'), 'steps[2].at: must be at least 0 (got -5)', 'Step 2: time must be at least 0 (got -5)'],
    ['an empty key', field(d0, 0, 'key', ''), 'steps[0].key: must not be empty', 'Step 0: key must not be empty'],
    ['an unknown node', field(d0, 2, 'node', 'n9'), 'steps[2].node: unknown node "n9"', 'Step 2: node names "n9", which is not a node of the cluster'],
    ['R above N', field(d0, 1, 'r', '4'), 'steps[1].r: must be at most n (3)', 'Step 1: R must be at most N (3)'],
    ['a cut from a node to itself', field(d0, 3, 'to', 'n1'), 'steps[3].to: must be a different node from "from" (both are "n1")', 'Step 3: from and to must be different nodes (both are "n1")'],
    ['a repair of a node with itself', field(d0, 6, 'b', 'n1'), 'steps[6].nodes: must name two different nodes (both are "n1")', 'Step 6: the two nodes must be different nodes (both are "n1")'],
    ['a repair with an unknown node', field(d0, 6, 'b', 'n9'), 'steps[6].nodes[1]: unknown node "n9"', 'Step 6: the second node names "n9", which is not a node of the cluster'],
    [
      'a node in two groups',
      field(d0, 4, 'groups', 'n1 n2 | n2'),
      'steps[4].groups[1][0]: node "n2" is already in groups[0]; a node can be in only one group',
      'Step 4: group 2 lists node "n2", which is already in group 1; a node can be in only one group',
    ],
    ['a drop rate over 100 %', field(d0, 5, 'rate', '150'), 'steps[5].rate: must be at most 1 (got 1.5)', 'Step 5: rate must be at most 100 % (got 150 %)'],
    ['a negative drop rate', field(d0, 5, 'rate', '-5'), 'steps[5].rate: must be at least 0 (got -0.05)', 'Step 5: rate must be at least 0 % (got -5 %)'],
    ['the drop rate setting over 100 %', setSetting(d0, 'dropRate', '250'), 'network.dropRate: must be at most 1 (got 2.5)', 'Drop rate must be at most 100 % (got 250 %)'],
    ['N above the node count', setSetting(d0, 'n', '9'), 'cluster.n: must be at most the number of nodes (5)', 'N must be at most the number of nodes (5)'],
    ['a node listed twice', setHeader(d0, { nodes: 'n1 n2 n3 n1' }), 'cluster.nodes[3]: duplicate node id "n1"', 'Nodes lists "n1" twice'],
    ['a node id with a "#" in it', setHeader(d0, { nodes: 'n1 n2 n3 n#' }), 'cluster.nodes[3]: must be 1 to 16 letters, digits, "_" or "-"', 'Nodes: id 4 must be 1 to 16 letters, digits, "_" or "-"'],
    ['a latency range the wrong way round', setSetting(d0, 'latency', '9-1'), 'network.latency.max: must be at least min (9)', 'Latency (the longest) must be at least the shortest (9)'],
    [
      'an ack latency with a mean of 0',
      setSetting(setSetting(d0, 'latencyForm', LATENCY_PER_LEG), 'latency.ack', 'exp 0'),
      'network.latency.ack.mean: must be greater than 0 (got 0)',
      'Ack latency (the mean) must be greater than 0 (got 0)',
    ],
    [
      'a write latency range the wrong way round',
      setSetting(setSetting(d0, 'latencyForm', LATENCY_PER_LEG), 'latency', '9-1'),
      'network.latency.write.max: must be at least min (9)',
      'Write latency (the longest) must be at least the shortest (9)',
    ],
    ['a timeout of 0', setSetting(d0, 'requestTimeoutMs', '0'), 'cluster.requestTimeoutMs: must be at least 1 (got 0)', 'Request timeout must be at least 1 (got 0)'],
    ['a new step left empty', addStep(d0, 'kill'), 'steps[7].node: unknown node ""', 'Step 7: node is required'],
  ])('%s', (_, d, path, words) => {
    expect(said(d)).toEqual({ path, words });
  });

  it('leaves a message without a field path as it is', () => {
    expect(editorWords('scenario: is not valid')).toBe('scenario: is not valid');
  });
});
