/**
 * One object of each class the Markdown writer makes anew for every export, kept for the life
 * of the process.
 *
 * V8 forgets an object layout (a hidden class) at a full garbage collection once no object has
 * it, and throws away the optimized code that was built for that layout. The writer's objects
 * live for one export, so without these, every export after a collection ran its code
 * unoptimized and paid to optimize it again: at 2x in bench/README.md's export benchmark, about
 * a third of its CPU time.
 */
const kept: object[] = []

/** Keeps `example`, an object of a class the writer makes per export, so its layout outlives every export. */
export function keepShape(example: object): void {
  kept.push(example)
}
