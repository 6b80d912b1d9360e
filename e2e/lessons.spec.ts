// Every built-in lesson, followed to its end with the keyboard the way a
// student (or a presenter's clicker) does: PageDown from stage to stage,
// each prediction answered before moving on, then End. Lessons that bring a
// comparison open it and find an outcome that differs.
//
// Stage positions are computed here from the engine (lessonHelpers.ts), not
// taken from the UI's own stage code.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSONS, type Lesson, type Predict } from '../src/scenario/lessons';
import { blurAll, button, expectTimeline, nodeButtons, openDefault, shownMetrics, sliderState, speed, timeline } from './helpers';
import { collectPageErrors, lessonPanel, narration, pickLesson, runFacts, runVerdicts, stagePositions } from './lessonHelpers';

/** The prediction shown in the lesson panel (a fieldset: role group, named by its legend). */
function predictGroup(page: Page, lesson: Lesson): Locator {
  return lessonPanel(page, lesson).getByRole('group', { name: /^Predict: / });
}

/** What the page shows of the lesson at once (one round trip): the Timeline
 *  position, the narration, the highlighted ring nodes, the prediction asked. */
async function readStage(page: Page, lesson: Lesson): Promise<{ at: number; text: string; highlighted: string[]; predict: string | null }> {
  return page.evaluate((label) => {
    const panel = [...document.querySelectorAll('section')].find((s) => s.getAttribute('aria-label') === label);
    const slider = document.querySelector<HTMLInputElement>('input[aria-label="Timeline"]');
    const highlighted = [...document.querySelectorAll('button.highlight[aria-label^="Node "]')]
      .map((b) => /^Node (\S+),/.exec(b.getAttribute('aria-label') ?? '')?.[1] ?? '?')
      .sort();
    return {
      at: Number(slider?.value ?? NaN),
      text: (panel?.querySelector('.lesson-text')?.textContent ?? '').trim(),
      highlighted,
      predict: panel?.querySelector('fieldset legend')?.textContent?.trim() ?? null,
    };
  }, `Lesson ${lesson.number}: ${lesson.title}`);
}

/**
 * Chooses `choice` with the keyboard: focus on the first choice, Tab along
 * the choices to it, Enter. Checks that Next stage waited for the answer.
 */
async function answerWithKeyboard(page: Page, lesson: Lesson, predict: Predict, choice: number, lastStage: boolean): Promise<void> {
  const group = predictGroup(page, lesson);
  const panel = lessonPanel(page, lesson);
  const next = panel.getByRole('button', { name: 'Next stage', exact: true });
  const choices = group.getByRole('button');
  await expect(choices).toHaveCount(predict.choices.length);
  await expect(choices).toHaveText(predict.choices);
  await expect(next, 'Next stage waits for an answer').toBeDisabled();
  await expect(group.getByRole('status')).toHaveCount(0);

  await choices.first().focus();
  for (let i = 0; i < choice; i++) await page.keyboard.press('Tab');
  await expect(choices.nth(choice)).toBeFocused();
  await expect(choices.nth(choice)).toHaveText(predict.choices[choice]!);
  await page.keyboard.press('Enter');

  // Once answered, the choice is kept and cannot be changed.
  await expect(choices.nth(choice)).toHaveAttribute('aria-pressed', 'true');
  for (let i = 0; i < predict.choices.length; i++) await expect(choices.nth(i)).toBeDisabled();
  if (!lastStage) await expect(next).toBeEnabled();
  await blurAll(page);
}

for (const lesson of LESSONS) {
  test(`lesson ${lesson.number} (${lesson.id}): every stage with the keyboard, predictions answered, to the end`, async ({ page }) => {
    const errors = collectPageErrors(page);
    const stops = stagePositions(lesson);
    const { events } = runFacts(lesson.scenario);
    const lastStop = stops.at(-1)!;

    await openDefault(page);
    // Next stage plays the messages between stages: at top speed, quickly.
    await speed(page).focus();
    await page.keyboard.press('End');
    await pickLesson(page, lesson);
    // A lesson opens at the start of its own scenario.
    expect(await sliderState(timeline(page))).toEqual({ value: 0, min: 0, max: events });
    await expect(page.getByText(lesson.scenario.title, { exact: true }).first()).toBeAttached();
    await blurAll(page);

    const text = narration(page, lesson);
    // Before the first stage's moment, the panel shows the lesson's summary.
    if (stops[0]! > 0) await expect(text).toHaveText(lesson.summary);

    /** Narration read at each stage position reached, in order. */
    const shown: string[] = [];
    /** Highlighted nodes at each position reached, and the stage's own. */
    const highlights: { at: number; shown: string[]; stage: string[] }[] = [];
    /** Stages whose prediction was shown, and answered. */
    const answered: number[] = [];

    // One PageDown per stage. Stages that share an event advance the
    // narration without moving the Timeline.
    let index = stops[0] === 0 ? 0 : -1;
    let at = 0;
    for (;;) {
      const now = await readStage(page, lesson);
      expect(now.at).toBe(at);
      if (index >= 0) {
        shown.push(now.text);
        highlights.push({ at, shown: now.highlighted, stage: [...(lesson.stages[index]!.highlight?.nodes ?? [])].sort() });
      }

      if (now.predict !== null) {
        const asked = lesson.stages.findIndex((st) => st.predict && now.predict === `Predict: ${st.predict.question}`);
        expect(asked, `a prediction whose question is no stage's: ${now.predict}`).toBeGreaterThanOrEqual(0);
        const predict = lesson.stages[asked]!.predict!;
        answered.push(asked);
        await answerWithKeyboard(page, lesson, predict, predict.answer, index === stops.length - 1);
        // The reveal says so, and explains.
        await expect(predictGroup(page, lesson).getByRole('status')).toHaveText(`Right. ${predict.explanation}`);
      }

      await page.keyboard.press('PageDown');
      if (index + 1 >= stops.length) {
        // Past the last stage PageDown has nowhere to go.
        await expectTimeline(page, at);
        break;
      }
      index++;
      at = stops[index]!;
      await expectTimeline(page, at);
      await expect(text).toHaveText(lesson.stages[index]!.text);
    }

    // The Timeline reached the lesson's last stage position.
    expect(at).toBe(lastStop);

    // Every stage's text was shown, in order, one stage per PageDown.
    expect
      .soft(shown, 'narration shown at each stage reached with PageDown (expected: every stage\'s text, in order)')
      .toEqual(lesson.stages.map((s) => s.text));
    // Every prediction was asked (none skipped).
    expect
      .soft(answered, 'stages whose prediction was asked')
      .toEqual(lesson.stages.flatMap((s, i) => (s.predict ? [i] : [])));
    // The ring highlights the nodes the stage is about.
    expect
      .soft(
        highlights.map((h) => `event ${h.at}: ${h.shown.join(' ') || '—'}`),
        'highlighted nodes at each stage reached',
      )
      .toEqual(highlights.map((h) => `event ${h.at}: ${h.stage.join(' ') || '—'}`));

    // End reaches the end of the run; the last stage's text stays.
    await page.keyboard.press('End');
    await expectTimeline(page, events);
    await expect(text).toHaveText(lesson.stages.at(-1)!.text);
    // PageUp from past the last stage returns to that stage's position (as a
    // player's "previous" does); from on it, to the stage before (which may
    // share its event).
    const lastIndex = stops.length - 1;
    const back = lastStop < events ? lastIndex : lastIndex - 1;
    if (back >= 0) {
      await page.keyboard.press('PageUp');
      await expectTimeline(page, stops[back]!);
      await expect(text).toHaveText(lesson.stages[back]!.text);
    }

    if (lesson.compare) {
      const { a, b, differs } = lesson.compare;
      const panel = lessonPanel(page, lesson);
      await panel.getByRole('button', { name: `Compare: ${a.label} vs ${b.label}`, exact: true }).click();
      const region = page.getByRole('region', { name: `Compare ${a.label} and ${b.label}`, exact: true });
      await expect(region).toBeVisible();
      await expect(region.getByText(differs, { exact: true })).toBeVisible();

      // Contract 3: while comparing, no button is named "Node nX, …"; each
      // ring names its nodes after its side, one button per node per side.
      await expect(nodeButtons(page)).toHaveCount(0);
      await expect(page.getByRole('button', { name: /^Node n1, / })).toHaveCount(0);
      const sideButtons = await region
        .getByRole('button', { name: /: \S+, (up|down)$/ })
        .evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') ?? '').replace(/, (up|down)$/, '')).sort());
      expect(sideButtons, 'one button per node on each side, named after the side').toEqual(
        [a, b].flatMap((side) => lesson.scenario.cluster.nodes.map((id) => `${side.label}: ${id}`)).sort(),
      );

      // The compare timeline, moved to its end with the keyboard.
      const slider = page.getByRole('slider', { name: 'Compare timeline', exact: true });
      await slider.focus();
      await slider.press('End');
      const end = await sliderState(slider);
      expect(end.max).toBeGreaterThan(0);
      expect(end.value, 'End moves the Compare timeline to its maximum').toBe(end.max);
      const differing = region.getByRole('row').filter({ hasText: '(differs)' });
      expect(await differing.count(), 'outcome rows marked as differing').toBeGreaterThan(0);

      await region.getByRole('button', { name: 'Close compare', exact: true }).click();
      await expect(region).toHaveCount(0);
      await expect(nodeButtons(page)).toHaveCount(lesson.scenario.cluster.nodes.length);
      await expect(lessonPanel(page, lesson)).toBeVisible();
      await expect(timeline(page)).toBeVisible();
    }

    expect(errors, 'uncaught page errors').toEqual([]);
  });
}

test('a wrong prediction is answered with the right choice and the explanation', async ({ page }) => {
  const lesson = LESSONS.find((l) => l.stages.some((s) => s.predict))!;
  const stageIndex = lesson.stages.findIndex((s) => s.predict);
  const predict = lesson.stages[stageIndex]!.predict!;
  const wrong = (predict.answer + 1) % predict.choices.length;

  await openDefault(page);
  await pickLesson(page, lesson);
  await blurAll(page);
  // PageDown once per stage until the prediction's stage: each press plays
  // the messages up to the next stage (stages sharing an event advance the
  // narration without moving the Timeline); the stage shown never goes back.
  for (let i = 0; i < stageIndex; i++) {
    const before = (await sliderState(timeline(page))).value;
    await page.keyboard.press('PageDown');
    await expect(lessonPanel(page, lesson).getByText(`stage ${i + 2} of ${lesson.stages.length}`)).toBeVisible();
    expect((await sliderState(timeline(page))).value).toBeGreaterThanOrEqual(before);
  }
  await expect(predictGroup(page, lesson)).toHaveAccessibleName(`Predict: ${predict.question}`);

  await answerWithKeyboard(page, lesson, predict, wrong, false);
  const reveal = predictGroup(page, lesson).getByRole('status');
  await expect(reveal).toHaveText(`Not quite: the answer is “${predict.choices[predict.answer]}”. ${predict.explanation}`);
  await expect(reveal).not.toContainText('Right.');

  // "Next stage" (the button) now moves on.
  const at = (await sliderState(timeline(page))).value;
  await lessonPanel(page, lesson).getByRole('button', { name: 'Next stage', exact: true }).click();
  await expect.poll(async () => (await sliderState(timeline(page))).value).toBeGreaterThan(at);
  // "Previous stage" comes back to the answered prediction, still answered.
  await lessonPanel(page, lesson).getByRole('button', { name: 'Previous stage', exact: true }).click();
  await expectTimeline(page, at);
  await expect(reveal).toHaveText(`Not quite: the answer is “${predict.choices[predict.answer]}”. ${predict.explanation}`);

  // Leave lesson: the narration goes, the scenario stays.
  await lessonPanel(page, lesson).getByRole('button', { name: 'Leave lesson', exact: true }).click();
  await expect(lessonPanel(page, lesson)).toHaveCount(0);
  expect((await sliderState(timeline(page))).max).toBe(runFacts(lesson.scenario).events);
  await expect(button(page, 'Lessons')).toBeVisible();
});

test('the Lessons dialog lists every lesson in course order, and Escape closes it', async ({ page }) => {
  await openDefault(page);
  await button(page, 'Lessons').click();
  const picker = page.getByRole('dialog', { name: 'Lessons', exact: true });
  await expect(picker).toBeVisible();
  const lessonButtons = picker.getByRole('button', { name: /^\d+\. / });
  await expect(lessonButtons).toHaveText(LESSONS.map((l) => `${l.number}. ${l.title}`));
  expect(LESSONS.map((l) => l.number)).toEqual(LESSONS.map((_, i) => i + 1));
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  // Nothing was opened: no narration.
  await expect(page.getByRole('region', { name: /^Lesson \d+:/ })).toHaveCount(0);
});

for (const lesson of LESSONS) {
  const first = lesson.stages.findIndex((s) => s.predict);
  test(`lesson ${lesson.number} (${lesson.id}): Play stops at the first question, and nothing beyond it gives the answer away`, async ({ page }) => {
    const stop = stagePositions(lesson)[first]!;
    const verdicts = runVerdicts(lesson.scenario);
    await openDefault(page);
    await speed(page).focus();
    await page.keyboard.press('End');
    await pickLesson(page, lesson);
    await button(page, 'Play').click();
    await expectTimeline(page, stop, 30_000);
    await expect(button(page, 'Play')).toHaveAttribute('aria-pressed', 'false');
    await expect(predictGroup(page, lesson)).toHaveAccessibleName(`Predict: ${lesson.stages[first]!.predict!.question}`);
    // End and the Timeline's arrows hold there too.
    await timeline(page).focus();
    await page.keyboard.press('End');
    await expectTimeline(page, stop);
    // No verdict mark, and no verdict counter, beyond the question.
    const shown = verdicts.filter((v) => v.e <= stop);
    const marks = await page.getByRole('group', { name: 'Verdicts on the Timeline' }).getByRole('button').count();
    if (shown.length === 0) expect(marks, 'verdict marks before the first verdict').toBe(0);
    else expect(marks).toBeLessThanOrEqual(shown.length);
    const metrics = await shownMetrics(page);
    for (const kind of ['stale', 'lost', 'resurrection'] as const) {
      const name = kind === 'stale' ? 'staleReads' : kind === 'lost' ? 'lostWrites' : 'resurrections';
      expect(metrics[name], `${name} at the question`).toBe(shown.filter((v) => v.kind === kind).length);
    }
  });
}
