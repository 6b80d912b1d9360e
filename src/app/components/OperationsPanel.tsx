// Operations and fault tools: placeholder until the full panel lands.
export function OperationsPanel() {
  return null;
}
