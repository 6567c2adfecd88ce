/**
 * Pages of an async source, asking for the next page as soon as one arrives: the database
 * reads page n+1 while the writer formats page n, instead of the two taking turns.
 */
export async function* readAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        finished = true;
        return;
      }
      next = iterator.next();
      // A failure of the page read ahead surfaces when it is awaited, not as an unhandled rejection.
      next.catch(() => {});
      yield result.value;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
