/**
 * Binary search over sorted lists: the one implementation the lint stages, the
 * sentence splitter, the prose helpers and the incremental session share.
 */

/** Index of the first element >= v in a sorted array (its length when none is). */
export function lowerBound(a: ArrayLike<number>, v: number): number {
  return boundOf(a, v, false);
}

/** Index of the first element > v in a sorted array (its length when none is). */
export function upperBound(a: ArrayLike<number>, v: number): number {
  return boundOf(a, v, true);
}

/** {@link firstIndex} over numbers, without a predicate call per step (the lint stages search offsets for every sentence). */
function boundOf(a: ArrayLike<number>, v: number, after: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] > v || (!after && a[mid] === v)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether a sorted array holds v. */
export function hasSorted(a: ArrayLike<number>, v: number): boolean {
  const i = lowerBound(a, v);
  return i < a.length && a[i] === v;
}

/** Index of the first item whose `start` is >= v, in a list sorted by start (its length when none is). */
export function firstStartAtOrAfter(list: ArrayLike<{ readonly start: number }>, v: number): number {
  return firstIndex(list.length, (i) => list[i].start >= v);
}

/**
 * The first index in [lo, hi) where `isAfter` holds, for a predicate that is false and then
 * true over the range (hi when it never holds): the search every helper above is made of.
 */
export function firstIndex(hi: number, isAfter: (i: number) => boolean, lo = 0): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
