export function App() {
  return (
    <main>
      <h1>Ringside</h1>
      <p>
        Leaderless replication, step by step: watch a Dynamo-style cluster
        place keys on a ring, gather quorums of N replicas, W write acks and
        R read replies, and repair itself after failures.
      </p>
    </main>
  );
}
