// The boundary between untrusted input (a file, a link, a paste) and the
// engine. Whatever comes in, the caller gets either a complete SimScenario or
// one line naming the first problem; nothing thrown ever crosses it.

import type { SimScenario } from '../sim/types';
import { checkScenario } from './checks';
import { describeIssues } from './issues';
import { migrateToCurrent } from './migrate';
import { resolveScenario } from './resolve';
import { scenarioSchema } from './schema';
import { escapeControls, MAX_MESSAGE_CHARS, oneLine, shorten } from './wording';

export type ParseResult = { ok: true; scenario: SimScenario } | { ok: false; error: string };

// User text inside a message is quoted (escaped and shortened) where it is
// put in; this backstop also covers text we do not word ourselves, such as
// the snippet of input in a JSON syntax error.
function failure(error: string): ParseResult {
  return { ok: false, error: shorten(escapeControls(oneLine(error)), MAX_MESSAGE_CHARS) };
}

/** A thrown value's message, without trusting it to be an Error (or even readable). */
export function messageOf(thrown: unknown, fallback: string): string {
  try {
    if (thrown instanceof Error && typeof thrown.message === 'string' && thrown.message !== '') return thrown.message;
  } catch {
    // A hostile object (e.g. a Proxy) can throw from any property access.
  }
  return fallback;
}

/** Validates a scenario already parsed from JSON (or built in code). */
export function parseScenario(input: unknown): ParseResult {
  try {
    const migrated = migrateToCurrent(input);
    if (!migrated.ok) return failure(migrated.error);
    const shaped = scenarioSchema.safeParse(migrated.doc, { reportInput: true });
    if (!shaped.success) return failure(describeIssues(shaped.error.issues));
    const scenario = resolveScenario(shaped.data);
    const problem = checkScenario(scenario);
    return problem === undefined ? { ok: true, scenario } : failure(problem);
  } catch (thrown) {
    // Only reachable with inputs JSON cannot produce (getters that throw,
    // Proxies); the promise of one line and no throw still holds.
    return failure(`scenario: could not be read (${messageOf(thrown, 'unexpected value')})`);
  }
}

/** Where a JSON syntax error is, in the words of an editor: line and column. */
function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

const MAX_JSON_MESSAGE_CHARS = 200;

/** Parses JSON text (e.g. a scenario file), then validates it like parseScenario. */
export function parseScenarioJson(text: string): ParseResult {
  if (typeof text !== 'string') return failure('JSON: expected the text of a scenario');
  // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return failure('JSON: the text is empty; a scenario looks like {"version": 1, "steps": []}');
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch (thrown) {
    let message = oneLine(messageOf(thrown, 'not valid JSON'));
    if (message.length > MAX_JSON_MESSAGE_CHARS) message = `${message.slice(0, MAX_JSON_MESSAGE_CHARS - 1)}…`;
    const position = /at position (\d+)/.exec(message)?.[1];
    // Newer engines already say where (Node 22: "(line 1 column 8)").
    const where = position === undefined || /line \d+/.test(message) ? '' : ` (${lineAndColumn(body, Number(position))})`;
    return failure(`JSON: ${message}${where}`);
  }
  return parseScenario(input);
}
