// The Merkle tab: placeholder until the full view lands.
export function MerkleView() {
  return <p className="hint-text">Run an anti-entropy repair to compare two replicas' Merkle trees here.</p>;
}
