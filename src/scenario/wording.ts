// Small helpers that keep every error message to one readable line: field
// paths in the notation a student would type (steps[3].node), and user text
// quoted, escaped and shortened so a 1 KB key cannot flood the alert.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_QUOTED_CHARS = 40;

/** ['steps', 3, 'node'] -> 'steps[3].node'; [] -> 'scenario'. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const name = String(part);
      if (IDENTIFIER.test(name)) out += out === '' ? name : `.${name}`;
      else out += `[${quote(name)}]`;
    }
  }
  return out === '' ? 'scenario' : out;
}

/** A value as JSON, shortened: '"n9"', '3', '"aaaa…"'. */
export function quote(value: unknown): string {
  let text: string;
  try {
    // JSON.stringify leaves U+2028/2029 raw; some views break lines at them.
    text = (JSON.stringify(value) ?? String(value)).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  } catch {
    text = '(unprintable value)';
  }
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS - 1)}…` : text;
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
