// Checks that relate one field to another, run once the shape is valid and
// the node list is resolved: quorum sizes against the cluster, and every node
// a step names against the cluster's nodes. Returns the first problem, worded
// like the schema's errors ("steps[3].node: unknown node \"n9\"").

import type { NodeId, SimScenario, Step } from '../sim/types';
import { formatPath, quote } from './wording';

type Path = (string | number)[];
type Problem = { path: Path; message: string };

function unknownNode(nodes: ReadonlySet<NodeId>, id: NodeId | undefined, path: Path): Problem | undefined {
  return id === undefined || nodes.has(id) ? undefined : { path, message: `unknown node ${quote(id)}` };
}

function quorumTooLarge(size: number | undefined, n: number, path: Path): Problem | undefined {
  return size === undefined || size <= n ? undefined : { path, message: `must be at most n (${n})` };
}

function checkPartition(groups: NodeId[][], nodes: ReadonlySet<NodeId>, at: Path): Problem | undefined {
  const groupOf = new Map<NodeId, number>();
  for (const [g, group] of groups.entries()) {
    for (const [j, id] of group.entries()) {
      const path = [...at, 'groups', g, j];
      const unknown = unknownNode(nodes, id, path);
      if (unknown) return unknown;
      const earlier = groupOf.get(id);
      if (earlier === g) return { path, message: `node ${quote(id)} is listed twice in this group` };
      if (earlier !== undefined) return { path, message: `node ${quote(id)} is already in groups[${earlier}]; a node can be in only one group` };
      groupOf.set(id, g);
    }
  }
  return undefined;
}

/** The first cross-field problem of step `i`; exported for the scenario editor, which checks one row at a time. */
export function checkStep(step: Step, i: number, nodes: ReadonlySet<NodeId>, n: number): Problem | undefined {
  const at: Path = ['steps', i];
  const node = (id: NodeId | undefined, field: string | number, ...rest: (string | number)[]) =>
    unknownNode(nodes, id, [...at, field, ...rest]);
  switch (step.do) {
    case 'put':
    case 'delete':
      return node(step.coordinator, 'coordinator') ?? quorumTooLarge(step.w, n, [...at, 'w']);
    case 'get':
      return node(step.coordinator, 'coordinator') ?? quorumTooLarge(step.r, n, [...at, 'r']);
    case 'kill':
    case 'revive':
    case 'skew':
    case 'load':
      return node(step.node, 'node');
    case 'partition':
      return checkPartition(step.groups, nodes, at);
    case 'cut':
      return (
        node(step.from, 'from') ??
        node(step.to, 'to') ??
        (step.from === step.to
          ? { path: [...at, 'to'], message: `must be a different node from "from" (both are ${quote(step.from)})` }
          : undefined)
      );
    case 'repair':
      return (
        node(step.nodes[0], 'nodes', 0) ??
        node(step.nodes[1], 'nodes', 1) ??
        (step.nodes[0] === step.nodes[1]
          ? { path: [...at, 'nodes'], message: `must name two different nodes (both are ${quote(step.nodes[0])})` }
          : undefined)
      );
    case 'heal':
    case 'drop':
      return undefined;
  }
}

/** The first cross-field problem of a shape-valid scenario, as one line, or undefined. */
export function checkScenario(scenario: SimScenario): string | undefined {
  const { cluster, steps } = scenario;
  const count = cluster.nodes.length;
  const problem: Problem | undefined =
    (cluster.n > count
      ? { path: ['cluster', 'n'], message: `must be at most the number of nodes (${count})` }
      : undefined) ??
    quorumTooLarge(cluster.w, cluster.n, ['cluster', 'w']) ??
    quorumTooLarge(cluster.r, cluster.n, ['cluster', 'r']) ??
    firstStepProblem(steps, new Set(cluster.nodes), cluster.n);
  return problem && `${formatPath(problem.path)}: ${problem.message}`;
}

function firstStepProblem(steps: readonly Step[], nodes: ReadonlySet<NodeId>, n: number): Problem | undefined {
  for (const [i, step] of steps.entries()) {
    const problem = checkStep(step, i, nodes, n);
    if (problem) return problem;
  }
  return undefined;
}
