// The legend of message kinds: placeholder until the full legend lands.
export function Legend() {
  return null;
}
