// Small statistics helpers for the report.

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median, smallest and largest. */
export function spread(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length };
}

/** Formats a number with a fixed count of significant figures, thin-space thousands. */
export function fmt(value, digits = 0) {
  if (!Number.isFinite(value)) return '–';
  const fixed = value.toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `1 234 (1 100–1 300)`. */
export function fmtSpread(s, digits = 0) {
  if (!s || !Number.isFinite(s.median)) return '–';
  if (s.n <= 1) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

/** A ratio as `1.23×`. */
export function fmtRatio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** Bytes as KB with two decimals. */
export function fmtKb(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(2)} KB` : '–';
}

/** Bytes as MB with one decimal. */
export function fmtMb(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '–';
}
