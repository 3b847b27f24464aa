// The median of the benchmarks' repeated timings: the middle value of the
// finite ones, the upper one of an even count; NaN when none is finite (a
// native run has no warm time).
export function median(values) {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite.length ? finite[finite.length >> 1] : NaN;
}
