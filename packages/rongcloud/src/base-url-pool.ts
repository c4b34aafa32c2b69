// The client's "current" base URL (§2.2): stays put until a failure, then moves to the next one.

export interface BaseUrlChoice {
  index: number;
  url: string;
}

export class BaseUrlPool {
  readonly #urls: readonly string[];
  #current = 0;

  constructor(urls: readonly string[]) {
    this.#urls = urls;
  }

  current(): BaseUrlChoice {
    return { index: this.#current, url: this.#urls[this.#current]! };
  }

  /**
   * Moves past `failedIndex` only if it is still current, so concurrent calls failing on the same host
   * switch once instead of flipping back and forth.
   */
  switchFrom(failedIndex: number): BaseUrlChoice {
    if (this.#current === failedIndex) this.#current = (failedIndex + 1) % this.#urls.length;
    return this.current();
  }
}
