/**
 * Out-of-order delivery (`reorder`): at most one event is held per key (the payment it is about);
 * the next event with that key goes first and takes the held ones with it, to be delivered after it.
 */
export class ReorderHolds<T> {
  private readonly held = new Map<string, T[]>();

  /**
   * A new event: `hold` it when it asks to be reordered and nothing is held for its key yet;
   * otherwise `send` it, with the events held for its key to deliver after it.
   */
  admit(key: string | null, event: T, wantsHold: boolean): { readonly hold: true } | { readonly hold: false; readonly after: T[] } {
    if (key === null) return { hold: false, after: [] };
    const waiting = this.held.get(key);
    if (wantsHold && !waiting) {
      this.held.set(key, [event]);
      return { hold: true };
    }
    this.held.delete(key);
    return { hold: false, after: waiting ?? [] };
  }

  /** Stops waiting for a successor of `event`: true if it was still held (now it is not), false if one came. */
  giveUp(key: string, event: T): boolean {
    const waiting = this.held.get(key);
    if (!waiting?.includes(event)) return false;
    const rest = waiting.filter((held) => held !== event);
    if (rest.length > 0) this.held.set(key, rest);
    else this.held.delete(key);
    return true;
  }
}
