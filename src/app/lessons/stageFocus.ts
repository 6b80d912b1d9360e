// What a lesson stage puts in view: the operation it is about in the
// Request tab, the key its narration is about on the ring (the latest named
// by a stage so far; none before), and the Explain tab it talks about (the
// latest named so far; Request before). A function of the stage alone, so a
// class that jumps to a stage sees what a student who walked there sees.

import type { Lesson } from '../../scenario/lessons';
import type { AppState } from '../state/store';

export type StageFocus = Pick<AppState, 'selectedOp' | 'selectedKey' | 'tab'>;

export function focusOf(lesson: Lesson, index: number): StageFocus {
  const upTo = lesson.stages.slice(0, index + 1);
  const latest = <T>(pick: (s: (typeof upTo)[number]) => T | undefined): T | undefined => {
    for (let i = upTo.length - 1; i >= 0; i--) {
      const v = pick(upTo[i]!);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return {
    selectedOp: upTo[index]?.highlight?.step ?? null,
    selectedKey: latest((s) => s.highlight?.key) ?? null,
    tab: latest((s) => s.tab) ?? 'request',
  };
}

/** Whether a stage's narration points at the Metrics panel: it names it, or
 *  states a figure read there (a claim of its `see` list on view 'metrics'
 *  of the lesson's own run; a comparison side's figures are not on it). */
export function talksAboutMetrics(stage: Lesson['stages'][number]): boolean {
  return /\bMetrics\b/.test(stage.text) || (stage.see ?? []).some((c) => c.view === 'metrics' && c.variant === undefined);
}
