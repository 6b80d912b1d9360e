// Finding user text that could turn the app's sentences around: a
// direction override or embedding (U+202A–U+202E) that is not inside an
// isolate (U+2066–U+2068 … U+2069 in a string, or a <bdi> element).

const OPENS_ISOLATE = /[\u2066-\u2068]/;
const OVERRIDE = /[\u202a-\u202e]/;

/** True when every override in `text` sits inside an isolate that `text` also closes. */
export function overridesContained(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (OPENS_ISOLATE.test(c)) depth += 1;
    else if (c === '\u2069') {
      if (depth === 0) return false;
      depth -= 1;
    } else if (OVERRIDE.test(c) && depth === 0) return false;
  }
  return depth === 0;
}

/** The texts and attributes under `root` whose overrides escape, outside any <bdi>. */
export function leakedOverrides(root: Element): string[] {
  const out: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest('bdi')) continue;
    const text = n.textContent ?? '';
    if (!overridesContained(text)) out.push(text);
  }
  for (const el of root.querySelectorAll('[title], [aria-label]')) {
    for (const name of ['title', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value !== null && !overridesContained(value)) out.push(`${name}=${value}`);
    }
  }
  return out;
}
