// Which pictures of a split are used, and in what order: the classes taken in turn (the first picture of
// every class, then the second of every class, …), so the first N of them are as balanced as the classes
// allow and --train-limit / --test-limit keep every class. Deterministic: the listing is sorted.
import type { ListedPicture } from './listing';

export function interleaveClasses(pictures: readonly ListedPicture[], classCount: number): ListedPicture[] {
  const byClass: ListedPicture[][] = Array.from({ length: classCount }, () => []);
  for (const p of pictures) byClass[p.label].push(p);
  const out: ListedPicture[] = [];
  const longest = Math.max(0, ...byClass.map((c) => c.length));
  for (let i = 0; i < longest; i++) for (const list of byClass) if (i < list.length) out.push(list[i]);
  return out;
}

/** The first `limit` pictures in interleaved order. */
export function selectPictures(pictures: readonly ListedPicture[], classCount: number, limit: number): ListedPicture[] {
  return interleaveClasses(pictures, classCount).slice(0, limit);
}
