// The simulation's public surface.
export * from './types';
export { Kernel, type NodeSnapshot } from './kernel';
export { operationsOf, type OperationRecord } from './operations';
export { buildReport, runScenario, namedKeys, type RunReport, type Run } from './report';
export { traceHash } from './traceHash';
export { metricsAt, emptyMetrics, addRecord, METRIC_NAMES, type Metrics } from './metrics';
export type { TraceRecord, TraceKind, OpType } from './trace';
export { Ring } from './ring';
export { MESSAGE_LABEL, labelOf, type Message, type MessageType } from './messages';
export { formatVersion, valuesOf, type Sibling, type VersionVector } from './versions';
export { describeStep } from './stepText';
export { EVENT_CAP } from './eventCap';
