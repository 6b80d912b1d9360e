// Small helpers that keep every error message to one readable line: field
// paths in the notation a student would type (steps[3].node), and user text
// quoted, escaped and shortened so a 1 KB key cannot flood the alert.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_QUOTED_CHARS = 40;
/**
 * The longest message the scenario layer returns. Each piece of user text in
 * a message is already shortened; this is the backstop that keeps any
 * message (shown in an alert, printed on the CLI's stderr) a few lines long.
 */
export const MAX_MESSAGE_CHARS = 400;

/** ['steps', 3, 'node'] -> 'steps[3].node'; [] -> 'scenario'. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const name = String(part);
      // A field name is user text too (an unknown field): a long one is
      // quoted, and so shortened, however plain its letters.
      if (IDENTIFIER.test(name) && name.length <= MAX_QUOTED_CHARS) out += out === '' ? name : `.${name}`;
      else out += `[${quote(name)}]`;
    }
  }
  return out === '' ? 'scenario' : out;
}

// Characters that do harm when a message shows them raw: the C0 and C1
// controls and DEL (a terminal acts on them: colours, cursor moves, a
// cleared screen), U+2028/2029 (some views break lines at them), and the
// bidirectional formatting characters (U+202E would turn the rest of the
// sentence around). JSON.stringify escapes only the C0 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control or direction-formatting character written as a \uXXXX escape. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` cut to at most `max` characters, ending with "…" when cut, never splitting a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A value as JSON, escaped and shortened: '"n9"', '3', '"aaaa…'. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = escapeControls(JSON.stringify(value) ?? String(value));
  } catch {
    text = '(unprintable value)';
  }
  return shorten(text, MAX_QUOTED_CHARS);
}

/** How a student would name the type of a JSON value. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Collapses line breaks (including U+2028/2029) so an error stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/**
 * Edit distance counting a swap of neighbours as one edit ("titel" is one
 * edit from "title"), for "did you mean" hints on short names.
 */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `word` if it is a plausible typo of it, else undefined. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 40) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  // Allow about one edit per three letters; a one-letter field ("w") has no
  // letters in common with any other one-letter field, so no hint there.
  const tolerance = Math.max(1, Math.floor(best.length / 3));
  return bestDistance <= tolerance && bestDistance < Math.min(word.length, best.length) ? best : undefined;
}
