// The story zone: placeholder until the space-time diagram and event log land.
export function Story() {
  return (
    <section className="story" aria-label="Story">
      <p className="hint-text">The space-time diagram and the event log will appear here.</p>
    </section>
  );
}
