// @vitest-environment happy-dom
// The narration against the screen: at every lesson stage, each number and
// verdict the narration states is backed by a claim (`see`), and each claim
// is checked against the text a view on the screen shows at that stage —
// the views' own words, not the engine's figures. A lesson checked only on
// the engine can still be contradicted by the panel beside it.

import { describe, expect, it } from 'vitest';
import { LESSONS, type Lesson, type ViewClaim } from '../../scenario/lessons';
import { sentencesOf } from '../../scenario/lessons/slips';
import { screenAt, type StageScreen } from '../testing/screenText';

const NUMBER = String.raw`(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|both|all three|all seven)`;
const COUNTED = String.raw`(?:acks?|repl(?:y|ies)|keys?|hash(?:es)?|hash comparisons|comparisons|hints?|siblings?|resurrections?|stale reads?|lost writes?|messages?|sessions?|values?)`;

/** Counts the narration states ("3 acks", "2 of 2 acks", "four keys"),
 *  leaving out the settings it glosses ("W = 2 write acks"). */
export function countsIn(text: string): string[] {
  const re = new RegExp(String.raw`\b${NUMBER}(?: of ${NUMBER})?(?: [a-z-]+)? ${COUNTED}\b`, 'gi');
  return [...text.matchAll(re)].filter((m) => !/= $/.test(text.slice(0, m.index))).map((m) => m[0]);
}

/** Verdicts the narration states about this run: in sentences that name
 *  one of its nodes, clients or values (general statements are not claims). */
export function verdictsIn(text: string, clients: readonly string[]): string[] {
  const names = new RegExp(String.raw`\bn\d+\b|‘|${clients.map((c) => String.raw`\b${c}\b`).join('|') || '$^'}`, 'i');
  return sentencesOf(text)
    .filter((s) => names.test(s))
    .flatMap((s) => [...s.matchAll(/\b(?:stale|fresh|concurrent|lost|resurrection|resurrections|fails|failed|refused|unavailable)\b/gi)].map((m) => m[0]));
}

function linesOf(screen: StageScreen, claim: ViewClaim): string[] {
  switch (claim.view) {
    case 'request':
      return claim.step === undefined ? screen.request : screen.requestFor(claim.step);
    case 'metrics':
      return screen.metrics;
    case 'merkle':
      return screen.merkle;
    case 'machine':
      return screen.machine;
    case 'ring':
      return screen.ring;
    case 'node':
      return screen.node(claim.node!);
  }
}

function stagesOf(lesson: Lesson) {
  return lesson.stages.map((stage, i) => [`stage ${i} (${stage.atMs} ms)`, i] as const);
}

describe.each(LESSONS.map((l) => [`${l.number}. ${l.title}`, l] as const))('%s', (_name, lesson) => {
  const clients = [...new Set(lesson.scenario.steps.flatMap((s) => ('client' in s ? [s.client] : [])))];
  it.each(stagesOf(lesson))('%s: what the narration states, the screen shows', (_stage, i) => {
    const stage = lesson.stages[i]!;
    const claims = stage.see ?? [];
    const backed = (phrase: string) => claims.some((c) => c.says.toLowerCase().includes(phrase.toLowerCase()));
    for (const count of countsIn(stage.text)) expect(backed(count), `a count the narration states without a claim: “${count}” in “${stage.text}”`).toBe(true);
    for (const verdict of verdictsIn(stage.text, clients)) expect(backed(verdict), `a verdict the narration states without a claim: “${verdict}” in “${stage.text}”`).toBe(true);
    if (claims.length === 0) return;
    const screens = new Map<string, StageScreen>();
    const screenFor = (claim: ViewClaim): StageScreen => {
      const side = claim.variant ?? '';
      let screen = screens.get(side);
      if (!screen) screens.set(side, (screen = screenAt(lesson, i, claim.variant)));
      return screen;
    };
    for (const claim of claims) {
      expect(stage.text, 'a claim quotes the narration').toContain(claim.says);
      const lines = linesOf(screenFor(claim), claim);
      expect(
        lines.some((l) => l.includes(claim.shows)),
        `“${claim.says}”: the ${claim.view} view should show “${claim.shows}”, it shows:\n  ${lines.join('\n  ')}`,
      ).toBe(true);
    }
  });
});
