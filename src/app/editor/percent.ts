// Rates (drop, duplicate) are fractions from 0 to 1 in the scenario JSON
// and percentages on the page: "10" under the ring and in the editor both
// mean a rate of 0.1. The conversions move the decimal point in the text,
// so a rate shown and applied unchanged is exactly the rate it was (10 %
// is 0.1, not 0.1 × 100 / 100 with its rounding).

/** The percentage text of a rate: 0.1 → "10", 0.0725 → "7.25", 1e-7 → "0.00001". */
export function percentText(rate: number): string {
  if (!Number.isFinite(rate)) return String(rate);
  const sign = rate < 0 ? '-' : '';
  const [mantissa = '0', exponent = '0'] = String(Math.abs(rate)).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  // Where the point goes: after `whole`, moved by the exponent and by 2 (× 100).
  const point = whole.length + Number(exponent) + 2;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits;
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const fracPart = padded.slice(at).replace(/0+$/, '');
  return `${sign}${intPart}${fracPart === '' ? '' : `.${fracPart}`}`;
}

const PLAIN_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** The rate a typed percentage stands for, or the text itself when it is
 *  not a number (so the schema names it, as for any number field). */
export function rateOfPercent(text: string): number | string {
  const t = text.trim();
  const pct = t === '' ? NaN : Number(t);
  if (!Number.isFinite(pct)) return t;
  // "7.25" → 7.25e-2, read once as a decimal: exactly the rate 0.0725.
  return PLAIN_DECIMAL.test(t) ? Number(`${t}e-2`) : pct / 100;
}
