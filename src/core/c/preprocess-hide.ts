/*
 * Hide sets, interned: every distinct set is one object, and adding a name to a set is
 * a memoised lookup. Expansion paints hundreds of thousands of tokens in a kernel header,
 * so sets must be shared, not copied.
 */
export class HideSet {
  private readonly next = new Map<string, HideSet>();
  private readonly unions = new Map<HideSet, HideSet>();
  private constructor(readonly names: ReadonlySet<string>) {}

  static readonly EMPTY = new HideSet(new Set());

  has(name: string): boolean {
    return this.names.has(name);
  }

  with(name: string): HideSet {
    if (this.names.has(name)) return this;
    let h = this.next.get(name);
    if (!h) {
      h = new HideSet(new Set([...this.names, name]));
      this.next.set(name, h);
    }
    return h;
  }

  union(other: HideSet): HideSet {
    if (other === this || other === HideSet.EMPTY) return this;
    if (this === HideSet.EMPTY) return other;
    let h = this.unions.get(other);
    if (!h) {
      h = this;
      for (const n of other.names) h = h.with(n);
      this.unions.set(other, h);
    }
    return h;
  }

  intersect(other: HideSet): HideSet {
    if (other === this) return this;
    let h = HideSet.EMPTY;
    for (const n of this.names) if (other.names.has(n)) h = h.with(n);
    return h;
  }
}
