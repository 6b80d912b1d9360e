// Latency setups from Bailis et al. (VLDB 2012), written as the CLI and
// `parseDistribution` take them. The production fits are the paper's
// Table 3 as issue 16 quotes it: each leg a mixture of an exponential
// (rate per ms) and a Pareto (scale XM ms, shape ALPHA), `mix:P:…` taking
// the exponential with probability P.

export interface LegsText {
  W: string;
  A: string;
  R: string;
  S: string;
}

export interface Preset {
  id: string;
  label: string;
  legs: LegsText;
}

const LNKD_SSD = 'mix:0.0878:exp:1.66:pareto:0.235:10';
const YMMR_ARS = 'mix:0.018:exp:0.0217:pareto:1.5:3.8';

export const PRESETS: readonly Preset[] = [
  {
    id: 'exp-w0.1',
    label: 'Exponential: W at 0.1/ms; A, R, S at 1/ms (section 5.3)',
    legs: { W: 'exp:0.1', A: 'exp:1', R: 'exp:1', S: 'exp:1' },
  },
  { id: 'lnkd-ssd', label: 'LNKD-SSD (Table 3)', legs: { W: LNKD_SSD, A: LNKD_SSD, R: LNKD_SSD, S: LNKD_SSD } },
  {
    id: 'lnkd-disk',
    label: 'LNKD-DISK (Table 3)',
    legs: { W: 'mix:0.62:exp:0.183:pareto:1.05:1.51', A: LNKD_SSD, R: LNKD_SSD, S: LNKD_SSD },
  },
  {
    id: 'ymmr',
    label: 'YMMR (Table 3)',
    legs: { W: 'mix:0.061:exp:0.0028:pareto:3:3.35', A: YMMR_ARS, R: YMMR_ARS, S: YMMR_ARS },
  },
];
