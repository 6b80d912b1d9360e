// The scenario layer's public API: what the app and the CLI import.

export { parseScenario, parseScenarioJson } from './parse';
export type { ParseResult } from './parse';
export { encodeScenario, decodeScenario, linkPosition } from './url';
export type { DecodeResult } from './url';
export {
  DEFAULT_SCENARIO,
  DEFAULT_CLUSTER,
  DEFAULT_NETWORK,
  DEFAULT_NODE_COUNT,
  DEFAULT_SEED,
  DEFAULT_TITLE,
  nodeIdsForCount,
} from './defaults';
export { CURRENT_VERSION } from './migrate';
export * from './limits';
export { scenarioSchema } from './schema';
