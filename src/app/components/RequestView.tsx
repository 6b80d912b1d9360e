// The Request tab: placeholder until the full view lands.
export function RequestView() {
  return <p className="hint-text">Issue a read or write to see its replicas, acks and outcome here.</p>;
}
