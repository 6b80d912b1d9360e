// Turns zod's findings into the one-line, plain-English error the contract
// asks for: "<field path>: <what is wrong>", about the first problem only —
// one clear sentence helps a student more than a list of consequences.

import type { z } from 'zod/mini';
import { fieldsAt, latencyFormOf } from './schema';
import { closestMatch, describeType, formatPath, quote } from './wording';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
};

const DISCRIMINATOR_LABELS: Readonly<Record<string, string>> = { do: 'step', kind: 'latency kind' };

function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === path[i]);
}

/** The message for the first issue; an unknown field in the same object wins, as it is usually the cause. */
export function describeIssues(issues: readonly Issue[]): string {
  const chosen = firstProblem(issues);
  return chosen === undefined ? 'scenario: is not valid' : describeIssue(chosen);
}

function firstProblem(issues: readonly Issue[]): Issue | undefined {
  const first = issues[0];
  if (first === undefined) return undefined;
  const unknownField = issues.find((i) => i.code === 'unrecognized_keys' && startsWith(first.path, i.path));
  return unknownField ?? first;
}

function got(input: unknown): string {
  return typeof input === 'number' || typeof input === 'string' || typeof input === 'boolean' ? ` (got ${quote(input)})` : '';
}

function lengthOf(input: unknown): number | undefined {
  return typeof input === 'string' || Array.isArray(input) ? input.length : undefined;
}

function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return describeUnknownFields(issue);
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined) return describeUnknownKind(issue, issue.discriminator);
  if (issue.code === 'invalid_union') {
    const inner = latencyBranch(issue) ?? soleRelevantBranch(issue);
    if (inner !== undefined) return describeIssue({ ...inner, path: [...issue.path, ...inner.path] });
  }
  return `${formatPath(issue.path)}: ${problem(issue)}`;
}

/** The branch expected another kind of value altogether (a 2.5 for an int is the right kind, just not whole). */
function isWrongTypeAtRoot(issue: Issue): boolean {
  if (issue.code !== 'invalid_type' || issue.path.length > 0) return false;
  return !(issue.expected === 'int' && typeof issue.input === 'number');
}

/**
 * `network.latency` is one distribution or one per leg; the fields the input
 * has say which the author meant, and the error is that form's first
 * problem (`network.latency.ack.mean: …`, or `network.latency.kind: required`).
 */
function latencyBranch(issue: z.core.$ZodIssueInvalidUnion): Issue | undefined {
  if (issue.path.length !== 2 || issue.path[0] !== 'network' || issue.path[1] !== 'latency') return undefined;
  return firstProblem(issue.errors[latencyFormOf(issue.input)] ?? []);
}

/**
 * In a union such as `nodes` (a count or a list), the first issue of the one
 * branch whose type matched the input: 65 ids should be told "at most 64
 * items", not the union's general description.
 */
function soleRelevantBranch(issue: z.core.$ZodIssueInvalidUnion): Issue | undefined {
  const relevant = issue.errors
    .map((branch) => branch[0])
    .filter((first) => first !== undefined && !isWrongTypeAtRoot(first));
  return relevant.length === 1 ? relevant[0] : undefined;
}

function problem(issue: Issue): string {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'required';
      if (typeof input === 'number' && issue.expected === 'int') return `must be a whole number${got(input)}`;
      if (typeof input === 'number' && issue.expected === 'number') return 'must be a finite number';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describeType(input)}${got(input)}`;
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return min === '1' ? 'must not be empty' : `must be at least ${min} characters long`;
      if (issue.origin === 'array') return min === '1' ? 'must not be empty' : `must have at least ${min} items`;
      return `${issue.inclusive === false ? 'must be greater than' : 'must be at least'} ${min}${got(input)}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      const length = lengthOf(input);
      if (issue.origin === 'string') return `must be at most ${max} characters long (this one has ${length ?? '?'})`;
      if (issue.origin === 'array') return `must have at most ${max} items (this one has ${length ?? '?'})`;
      return `${issue.inclusive === false ? 'must be less than' : 'must be at most'} ${max}${got(input)}`;
    }
    case 'invalid_value':
      if (input === undefined) return 'required';
      return issue.values.length === 1
        ? `must be ${quote(issue.values[0])}${got(input)}`
        : `must be one of ${issue.values.map(quote).join(', ')}${got(input)}`;
    default:
      // Custom checks (and unions given their own wording in schema.ts)
      // already carry a plain-English message.
      return issue.message;
  }
}

function describeUnknownFields(issue: z.core.$ZodIssueUnrecognizedKeys): string {
  const [firstKey = '', ...others] = issue.keys;
  const known = fieldsAt(issue.path, issue.input);
  const guess = closestMatch(firstKey, known);
  const hint = guess === undefined ? '' : ` (did you mean ${quote(guess)}?)`;
  const more = others.length === 0 ? '' : `; also unknown: ${others.slice(0, 3).map(quote).join(', ')}${others.length > 3 ? ', …' : ''}`;
  return `${formatPath([...issue.path, firstKey])}: unknown field${hint}${more}`;
}

function describeUnknownKind(issue: z.core.$ZodIssueInvalidUnion, discriminator: string): string {
  const path = formatPath(issue.path);
  const input = issue.input;
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined;
  if (value === undefined) return `${path}: required`;
  const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
  const guess = typeof value === 'string' ? closestMatch(value, options) : undefined;
  const hint = guess === undefined ? '' : ` (did you mean ${quote(guess)}?)`;
  const label = DISCRIMINATOR_LABELS[discriminator] ?? 'kind';
  return `${path}: unknown ${label} ${quote(value)}${hint}; use one of: ${options.join(', ')}`;
}
