// "Lessons": the built-in library, one lesson per concept of the course.

import { useEffect, useRef } from 'react';
import { LESSONS } from '../../scenario/lessons';

export default function LessonPicker({ onPick, onClose }: { onPick: (id: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  return (
    <dialog ref={ref} className="lesson-picker" aria-label="Lessons" onClose={onClose}>
      <h2>Lessons</h2>
      <ol>
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" onClick={() => onPick(l.id)}>
              {l.number}. {l.title}
            </button>
            <p>{l.summary}</p>
          </li>
        ))}
      </ol>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
