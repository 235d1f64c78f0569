/** Binary search over sorted numbers, shared by the lint stages and the incremental session. */

/** Index of the first element >= v in a sorted array (its length when none is). */
export function lowerBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
