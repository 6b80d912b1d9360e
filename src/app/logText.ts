// The event log's words: the records of one kernel event, turned into one
// headline (what happened: a step, a message arriving or lost, a timer) and
// the details that followed from it, in plain sentences a student can
// repeat (UI.md "Words"). Pure: the records, the scenario and a way to look
// up a message sent in an earlier event. Keys, values and client names are
// user text: each goes through isolate() (quoted() for a value), so a
// right-to-left override in one cannot turn the sentence around it.

import { labelOf, summarize, type Message } from '../sim/messages';
import type { DropReason } from '../sim/network';
import type { TraceRecord } from '../sim/trace';
import type { NodeId, SimScenario, Step } from '../sim/types';
import type { Sibling } from '../sim/versions';
import { sentText, whyText } from '../sim/requestText';
import { describeStep } from '../sim/stepText';
import { sessionOutcomeText } from './explain/sessionText';
import { isolate, quoted } from './format';

export type LogTone = 'plain' | 'step' | 'good' | 'bad' | 'verdict' | 'muted';

export interface LogLine {
  text: string;
  tone: LogTone;
}

export interface LogEntry {
  /** Kernel event number; 0 is the start, before anything happened. */
  e: number;
  t: number;
  main: LogLine;
  details: LogLine[];
  /** The checker flagged something during this event. */
  verdict: boolean;
}

export interface LogContext {
  scenario: SimScenario;
  /** The message a delivery or drop refers to (it was sent in an earlier event). */
  messageOf(id: number): Message | undefined;
}

/** More sends than this from one node in one event are summed up in one line. */
const SENDS_LISTED = 4;

export const START_ENTRY: LogEntry = { e: 0, t: 0, main: { text: 'Start: nothing has happened yet', tone: 'muted' }, details: [], verdict: false };

export function describeEvent(e: number, records: readonly TraceRecord[], ctx: LogContext): LogEntry {
  if (e === 0) return START_ENTRY;
  const first = records[0];
  if (!first) return { e, t: 0, main: { text: `Event ${e}`, tone: 'muted' }, details: [], verdict: false };
  let rest = records.slice(1);
  let main: LogLine;
  switch (first.k) {
    case 'step': {
      const step = ctx.scenario.steps[first.step];
      main = { text: step ? `Step ${first.step}: ${describeStep(step, isolate)}` : `Step ${first.step}`, tone: 'step' };
      break;
    }
    case 'deliver':
      main = { text: `${flight(first.from, first.to, ctx.messageOf(first.id))} arrives`, tone: 'plain' };
      break;
    case 'drop':
      main = { text: `${flight(first.from, first.to, ctx.messageOf(first.id))} is lost: ${dropReason(first.reason, first.from, first.to)}`, tone: 'bad' };
      break;
    case 'timer': {
      const views = rest.filter((r): r is Extract<TraceRecord, { k: 'view' }> => r.k === 'view');
      if (first.name === 'failure detector' && views.length > 0) {
        // The detector's news is the event: lead with it.
        const lines = viewLines(views);
        main = lines[0]!;
        rest = rest.filter((r) => r.k !== 'view');
        return finish(e, first.t, main, [...lines.slice(1), ...detailLines(rest, ctx)], records);
      }
      main = { text: timerText(first.node, first.name, ctx, rest), tone: 'muted' };
      break;
    }
    default:
      // An event always opens with its cause; anything else is read as a detail.
      rest = records as TraceRecord[];
      main = { text: `Event ${e}`, tone: 'muted' };
  }
  return finish(e, first.t, main, detailLines(rest, ctx), records);
}

function finish(e: number, t: number, main: LogLine, details: LogLine[], records: readonly TraceRecord[]): LogEntry {
  return { e, t, main, details, verdict: records.some((r) => r.k === 'verdict') };
}

/** `n3 → n4 W cart = "milk"` */
export function flight(from: NodeId, to: NodeId, msg: Message | undefined): string {
  return msg ? `${from} → ${to} ${labelOf(msg)} ${summarize(msg, isolate)}` : `${from} → ${to} message`;
}

function dropReason(reason: DropReason, from: NodeId, to: NodeId): string {
  switch (reason) {
    case 'random':
      return 'the network lost it at random';
    case 'dead':
      return `${to} is down`;
    case 'partition':
      return `a partition separates ${from} and ${to}`;
    case 'cut':
      return `the link ${from} → ${to} is cut`;
  }
}

function detailLines(records: readonly TraceRecord[], ctx: LogContext): LogLine[] {
  // A sender's messages are listed together, where its first one was sent.
  const out: (LogLine | { sender: NodeId })[] = [];
  // Where a request was sent ("sent to n3, n4, n1") reads best right after who coordinates it.
  const sentOf = new Map<number, Extract<TraceRecord, { k: 'sent' }>>();
  for (const r of records) if (r.k === 'sent' && records.some((s) => s.k === 'opStart' && s.op === r.op)) sentOf.set(r.op, r);
  const views: Extract<TraceRecord, { k: 'view' }>[] = [];
  const sends = new Map<NodeId, Extract<TraceRecord, { k: 'send' }>[]>();
  const wiped = new Map<NodeId, number>();
  for (const r of records) {
    switch (r.k) {
      case 'send': {
        let list = sends.get(r.from);
        if (!list) {
          sends.set(r.from, (list = []));
          out.push({ sender: r.from });
        }
        list.push(r);
        break;
      }
      case 'store':
        if (r.cause === 'wipe') wiped.set(r.node, (wiped.get(r.node) ?? 0) + 1);
        else if (r.cause !== 'load') out.push({ text: storeText(r.node, r.key, r.siblings, r.cause), tone: 'plain' });
        break;
      case 'hint':
        out.push({ text: hintText(r), tone: 'plain' });
        break;
      case 'opStart': {
        out.push({ text: opStartText(r, ctx.scenario), tone: 'plain' });
        const sent = sentOf.get(r.op);
        if (sent) out.push(sentLine(sent, ctx.scenario));
        break;
      }
      case 'sent':
        if (sentOf.get(r.op) !== r) out.push(sentLine(r, ctx.scenario));
        break;
      // The Machine tab draws the transitions; the log says what they did.
      case 'machine':
        break;
      case 'opEnd':
        out.push(opEndLine(r, ctx.scenario));
        break;
      case 'opClose':
        out.push({ text: `${opName(r.op, ctx.scenario)} is closed: ${r.acks} of ${r.replicas.length} replicas answered`, tone: 'muted' });
        break;
      case 'view':
        views.push(r);
        break;
      case 'session':
        out.push({
          text: r.phase === 'start' ? `${r.node} starts anti-entropy with ${r.peer}: they compare Merkle trees` : `Anti-entropy between ${r.node} and ${r.peer} ends${r.outcome ? `: ${sessionOutcomeText(r.node, r.outcome)}` : ''}`,
          tone: 'plain',
        });
        break;
      case 'verdict':
        out.push({ text: verdictText(r, ctx.scenario), tone: 'verdict' });
        break;
      case 'timer':
        out.push({ text: timerText(r.node, r.name, ctx, records), tone: 'muted' });
        break;
      case 'deliver':
      case 'drop':
        out.push({ text: `${flight(r.from, r.to, ctx.messageOf(r.id))} ${r.k === 'deliver' ? 'arrives' : 'is lost'}`, tone: r.k === 'drop' ? 'bad' : 'plain' });
        break;
      case 'step': {
        const step = ctx.scenario.steps[r.step];
        out.push({ text: step ? `Step ${r.step}: ${describeStep(step, isolate)}` : `Step ${r.step}`, tone: 'step' });
        break;
      }
      // The step's own sentence already says these (a crash, a partition, a skew);
      // counters are for the metrics panel.
      case 'node':
      case 'net':
      case 'skew':
      case 'count':
        break;
    }
  }
  for (const [node, count] of wiped) out.push({ text: `${node} loses ${count} ${count === 1 ? 'key' : 'keys'} with its disk`, tone: 'bad' });
  out.push(...viewLines(views));
  return out.flatMap((item) => ('sender' in item ? sendLines(sends.get(item.sender)!) : [item]));
}

function sentLine(r: Extract<TraceRecord, { k: 'sent' }>, scenario: SimScenario): LogLine {
  const reading = scenario.steps[r.op]?.do === 'get';
  return { text: `${reading ? 'Reading' : 'Writing'}: ${sentText(r)}`, tone: 'plain' };
}

function sendLines(sends: Extract<TraceRecord, { k: 'send' }>[]): LogLine[] {
  if (sends.length <= SENDS_LISTED) return sends.map((s) => ({ text: `${s.from} sends ${labelOf(s.msg)} to ${s.to}: ${summarize(s.msg, isolate)}`, tone: 'plain' }));
  const labels = new Map<string, number>();
  for (const s of sends) labels.set(labelOf(s.msg), (labels.get(labelOf(s.msg)) ?? 0) + 1);
  const kinds = [...labels].map(([label, n]) => `${n} ${label}`).join(', ');
  const targets = [...new Set(sends.map((s) => s.to))];
  return [{ text: `${sends[0]!.from} sends ${sends.length} messages (${kinds}) to ${listWords(targets)}`, tone: 'plain' }];
}

/** Group "n1 learns n3 is unreachable" lines by peer: "n1, n2 and n4 learn n3 is unreachable". */
function viewLines(views: readonly Extract<TraceRecord, { k: 'view' }>[]): LogLine[] {
  const groups = new Map<string, NodeId[]>();
  for (const v of views) {
    const key = `${v.reachable ? 'up' : 'down'} ${v.peer}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(v.node);
  }
  return [...groups].map(([key, nodes]) => {
    const [state, peer] = key.split(' ') as [string, NodeId];
    const verb = nodes.length === 1 ? 'learns' : 'learn';
    return { text: `${listWords(nodes)} ${verb} ${peer} is ${state === 'up' ? 'reachable again' : 'unreachable'}`, tone: 'plain' as const };
  });
}

function storeText(node: NodeId, rawKey: string, siblings: readonly Sibling[], cause: string): string {
  const key = isolate(rawKey);
  if (cause === 'purge') return `${node} purges the tombstone of ${key}: its grace period is over`;
  const what = siblings.length > 0 && siblings.every((s) => s.value === null) ? `a tombstone for ${key} (the mark of a delete)` : `${key} = ${describeSiblings(siblings)}`;
  switch (cause) {
    case 'repair':
      return `Read repair: ${node} now holds ${what}`;
    case 'replay':
      return `${node} takes the hinted ${what}`;
    case 'sync':
      return `Anti-entropy: ${node} now holds ${what}`;
    default:
      return `${node} stores ${what}`;
  }
}

export function describeSiblings(siblings: readonly Sibling[]): string {
  if (siblings.length === 0) return '(nothing)';
  const values = siblings.map((s) => (s.value === null ? '(deleted)' : quoted(s.value))).join(' | ');
  return siblings.length > 1 ? `${values} (${siblings.length} siblings)` : values;
}

function hintText(r: Extract<TraceRecord, { k: 'hint' }>): string {
  const key = isolate(r.key);
  if (r.added) return `${r.node} keeps a hint for ${r.for}: ${key}`;
  if (r.delivered) return `${r.node} deletes its hint for ${r.for} (${key}): ${r.for} has it now`;
  return `${r.node} discards its hint for ${r.for} (${key})`;
}

function opStartText(r: Extract<TraceRecord, { k: 'opStart' }>, scenario: SimScenario): string {
  if (r.coordinator === null) return 'No node is up to coordinate it';
  const n = scenario.cluster.n;
  const need = r.type === 'get' ? `R = ${r.quorum} read ${r.quorum === 1 ? 'reply' : 'replies'}` : `W = ${r.quorum} write ${r.quorum === 1 ? 'ack' : 'acks'}`;
  return `${r.coordinator} coordinates: it needs ${need} of N = ${n} replicas`;
}

function opEndLine(r: Extract<TraceRecord, { k: 'opEnd' }>, scenario: SimScenario): LogLine {
  const step = scenario.steps[r.op];
  const name = opName(r.op, scenario);
  const reason = whyText(r.why);
  if (r.status === 'failed') return { text: `${name} failed: ${reason}`, tone: 'bad' };
  if (step?.do !== 'get') return { text: `${name} succeeded: ${reason}`, tone: 'good' };
  const values = r.values.length === 0 ? 'nothing' : `[${r.values.map(quoted).join(',')}]`;
  const verdict = r.consistency ?? 'ok';
  const missed = r.missed && r.missed.length > 0 ? ` — it missed ${listWords(r.missed.map((m) => writeName(m, scenario)))}` : '';
  const violations = r.violations && r.violations.length > 0 ? ` (breaks ${listWords(r.violations)})` : '';
  return { text: `${name} returned ${values}: ${verdict}${missed}${violations} · ${reason}`, tone: verdict === 'stale' ? 'verdict' : 'good' };
}

function verdictText(r: Extract<TraceRecord, { k: 'verdict' }>, scenario: SimScenario): string {
  const name = opName(r.op, scenario);
  switch (r.kind) {
    case 'stale':
      return `Stale read: ${name} missed a write acknowledged before it began`;
    case 'lost': {
      const step = scenario.steps[r.op];
      const value = step?.do === 'put' ? ` = ${quoted(step.value)}` : '';
      return `Lost write: ${name}${value} was acknowledged, but no replica holds it any more`;
    }
    case 'resurrection':
      return `Resurrection: ${isolate(r.key)} came back${r.node ? ` on ${r.node}` : ''} after ${name}`;
  }
}

/** A timer's words. A machine's timer (a request's timeout, a hint
 *  replay's retry, a session's timeout) is named by the transition it set
 *  off, recorded in the same event. */
function timerText(node: NodeId | null, name: string, ctx: LogContext, records: readonly TraceRecord[]): string {
  const colon = name.indexOf(':');
  const kind = colon < 0 ? name : name.slice(0, colon);
  const arg = colon < 0 ? '' : name.slice(colon + 1);
  const who = node ?? 'the cluster';
  const moved = records.find((r): r is Extract<TraceRecord, { k: 'machine' }> => r.k === 'machine' && r.node === node && r.event.startsWith('xstate.after.'));
  switch (kind) {
    case 'request timeout':
      return moved?.op !== undefined ? `${opName(moved.op, ctx.scenario)}: time is up after ${ctx.scenario.cluster.requestTimeoutMs} ms` : `${who}: a request's time is up`;
    case 'hint replay retry':
      return `${who} tries again to hand its hints back to ${moved?.actor.replace(/^replay-/, '') ?? 'their home'}`;
    case 'session timeout':
      return `${who}'s anti-entropy session ${moved?.session ?? ''} times out`.replace('  ', ' ');
    case 'ae-tick':
      return `${who}'s anti-entropy timer fires`;
    case 'purge':
      return `${who}: the tombstone of ${isolate(arg)} is past its grace period`;
    case 'failure detector':
      return 'The failure detector runs: nothing new';
    default:
      return `${who}: timer ${name}`;
  }
}

/** "alice's write of cart", "bob's read of cart" — an operation named by its step. */
export function opName(op: number, scenario: SimScenario): string {
  const step: Step | undefined = scenario.steps[op];
  switch (step?.do) {
    case 'put':
      return `${isolate(step.client)}'s write of ${isolate(step.key)}`;
    case 'get':
      return `${isolate(step.client)}'s read of ${isolate(step.key)}`;
    case 'delete':
      return `${isolate(step.client)}'s delete of ${isolate(step.key)}`;
    default:
      return `operation ${op}`;
  }
}

function writeName(op: number, scenario: SimScenario): string {
  const step = scenario.steps[op];
  switch (step?.do) {
    case 'put':
      return `${isolate(step.client)}'s write ${isolate(step.key)} = ${quoted(step.value)} (step ${op})`;
    case 'delete':
      return `${isolate(step.client)}'s delete of ${isolate(step.key)} (step ${op})`;
    case 'load':
      return `${isolate(step.key)} = ${quoted(step.value)} loaded on ${step.node} (step ${op})`;
    default:
      return `the write at step ${op}`;
  }
}

/** "a", "a and b", "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

