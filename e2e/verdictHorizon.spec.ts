import { expect, test, type Page } from '@playwright/test';
import { LESSONS, type Lesson } from '../src/scenario/lessons';
import { button, expectTimeline, openDefault, shownMetrics, timeline } from './helpers';
import { lessonPanel, pickLesson, runVerdicts, stagePositions } from './lessonHelpers';

// Issue 14, "Nothing gives the answer away": lesson 2 asks what Bob's read
// returns, lesson 9 whether the deleted photo comes back. Reached stage by
// stage with Next stage, the stage that asks shows no Timeline verdict mark
// (nor its tooltip), no ring flash and no Metrics count of a verdict that
// lies beyond it; once answered, the run goes on and they all appear.

const verdictMarks = (page: Page) => page.getByRole('group', { name: 'Verdicts on the Timeline' }).getByRole('button');
const predictGroup = (page: Page, lesson: Lesson) => lessonPanel(page, lesson).getByRole('group', { name: /^Predict: / });
const METRIC = { stale: 'staleReads', lost: 'lostWrites', resurrection: 'resurrections' } as const;

for (const number of [2, 9]) {
  const lesson = LESSONS[number - 1]!;
  const asking = lesson.stages.findIndex((s) => s.predict);

  test(`lesson ${number} (${lesson.id}): at its question, nothing shows the verdict it asks about`, async ({ page }) => {
    const stop = stagePositions(lesson)[asking]!;
    const verdicts = runVerdicts(lesson.scenario);
    // Each of these lessons' verdicts lies beyond its question: at the question nothing may show one.
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.every((v) => v.e > stop)).toBe(true);

    await openDefault(page);
    await pickLesson(page, lesson);
    const next = lessonPanel(page, lesson).getByRole('button', { name: 'Next stage', exact: true });
    for (let i = 0; i < asking; i++) {
      await next.click();
      // Next stage plays the messages between two stages: wait until it is on the next one.
      await expect(lessonPanel(page, lesson).getByText(`stage ${i + 2} of`)).toBeVisible();
    }
    await expect(predictGroup(page, lesson)).toHaveAccessibleName(`Predict: ${lesson.stages[asking]!.predict!.question}`);
    await expectTimeline(page, stop);

    await expect(verdictMarks(page)).toHaveCount(0);
    await expect(page.locator('[title*="Stale read"], [title*="Resurrection"], [title*="Lost write"]')).toHaveCount(0);
    await expect(page.locator('.verdict-flash')).toHaveCount(0);
    const metrics = await shownMetrics(page);
    for (const name of Object.values(METRIC)) expect(metrics[name], `${name} at the question`).toBe(0);

    // Answered, the run may go on: at its end every verdict is marked and counted.
    await predictGroup(page, lesson).getByRole('button').nth(lesson.stages[asking]!.predict!.answer).click();
    await timeline(page).focus();
    await page.keyboard.press('End');
    await expect(verdictMarks(page)).not.toHaveCount(0);
    const atEnd = await shownMetrics(page);
    for (const [kind, name] of Object.entries(METRIC)) expect(atEnd[name], `${name} at the end`).toBe(verdicts.filter((v) => v.kind === kind).length);
    await expect(button(page, 'Play')).toBeVisible();
  });
}
