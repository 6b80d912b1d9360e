// The staleness model (issue 16): PBS k-staleness in closed form and the
// WARS Monte Carlo for t-visibility. Pure; no DOM, no Node.

export {
  DISTRIBUTION_FORMS,
  drawsPerSample,
  formatDistribution,
  meanOf,
  parseDistribution,
  samplerOf,
  type Distribution,
  type ParsedDistribution,
  type Sampler,
} from './distribution';
export { binomial, pMissOneWrite, pWithinK } from './kStaleness';
export { PRESETS, type LegsText, type Preset } from './presets';
export {
  MAX_N,
  configError,
  createRun,
  runTrials,
  simulate,
  trialThreshold,
  tVisibility,
  visibilityCurve,
  type Legs,
  type StalenessResult,
  type VisibilityPoint,
  type WarsConfig,
  type WarsRun,
} from './wars';
