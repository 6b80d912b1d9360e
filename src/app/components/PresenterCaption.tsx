// Presenter mode's caption: the lesson's narration for the current stage,
// or else what just happened, in one large line a room can read.

import { useAppState } from '../context';
import { useView } from '../state/derived';
import { activeLesson } from '../lessons/lessonState';
import { shownStage } from '../lessons/useStages';
import { describeEvent, START_ENTRY } from '../logText';
import { traceIndexOf } from '../traceIndex';

export function PresenterCaption() {
  const lesson = useAppState(activeLesson);
  const stage = useAppState((s) => shownStage(s).index);
  const { run, cursor } = useView();
  let text: string;
  if (lesson) {
    text = stage >= 0 ? lesson.stages[stage]!.text : lesson.summary;
  } else if (cursor === 0) {
    text = START_ENTRY.main.text;
  } else {
    const index = traceIndexOf(run.kernel.trace);
    text = describeEvent(cursor, run.timeline.recordsOf(cursor), { scenario: run.scenario, messageOf: (id) => index.byId.get(id)?.msg }).main.text;
  }
  return (
    <p className="presenter-caption" aria-live="polite">
      {text}
    </p>
  );
}
