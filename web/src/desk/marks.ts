// The roll-call's «на месте» marks, kept in this browser per school and school day, so that a
// reload, a closed tab or a lost connection in the middle of an evacuation does not wipe them.
// They hold opaque person ids only, no names. A mark lasts while its person stays inside: an
// exit, or a headcount without them, drops it. Marks of another day are dropped when a desk
// opens (the school's midnight starts a new, empty roll-call), and «Снять отметки» clears them
// for the next one. Two tabs of one school in one browser share the marks: each hears the other's
// writes (the `storage` event). When the browser refuses storage (private mode, full), the marks
// live in this page's memory only.

/** Key: the prefix, the school id and the school's day; ids cannot hold ':'. */
const KEY_PREFIX = 'tapgate.rollcall:';
/** Marks kept per school and day, at most (far above a school's headcount). */
export const MARKS_MAX = 10_000;
const DAY_MS = 86_400_000;

function storage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

export class RollCallMarks {
  private ids = new Set<string>();
  private day = '';

  constructor(private readonly schoolId: string) {}

  /** Switches to `day` ("2026-12-01" in the school's zone) when it changed, loading its marks. */
  at(day: string): this {
    if (day === this.day) return this;
    this.day = day;
    this.sweep();
    this.load();
    return this;
  }

  has(id: string): boolean { return this.ids.has(id); }
  get size(): number { return this.ids.size; }

  set(id: string, on: boolean): void {
    if (on && this.ids.size < MARKS_MAX) this.ids.add(id); else if (!on) this.ids.delete(id);
    this.save();
  }

  /** Drops the marks of people no longer inside (after the headcount is read). */
  keepOnly(inside: { has(id: string): boolean }): void {
    const before = this.ids.size;
    for (const id of this.ids) if (!inside.has(id)) this.ids.delete(id);
    if (this.ids.size !== before) this.save();
  }

  clear(): void {
    this.ids.clear();
    this.save();
  }

  /** Calls `onChange` when another tab of this browser changes this school's marks; returns the unsubscribe. */
  watch(onChange: () => void): () => void {
    const listener = (e: StorageEvent) => {
      if (this.day === '' || (e.key !== null && e.key !== this.key())) return;
      this.load();
      onChange();
    };
    window.addEventListener('storage', listener);
    return () => window.removeEventListener('storage', listener);
  }

  private key(): string { return `${KEY_PREFIX}${this.schoolId}:${this.day}`; }

  private load(): void {
    this.ids = new Set();
    try {
      const raw: unknown = JSON.parse(storage()?.getItem(this.key()) ?? '[]');
      if (Array.isArray(raw)) for (const id of raw.slice(0, MARKS_MAX)) if (typeof id === 'string') this.ids.add(id);
    } catch {
      // Unreadable marks (another version, edited by hand) start the roll-call afresh.
    }
  }

  /**
   * Removes this school's marks of other days, and any school's marks older than the day before
   * (a city administrator's desk opens many schools; their zones differ by hours, not days).
   */
  private sweep(): void {
    const store = storage();
    if (store === null) return;
    const stale = new Date(Date.parse(this.day) - DAY_MS).toISOString().slice(0, 10);
    try {
      for (let i = store.length - 1; i >= 0; i--) {
        const key = store.key(i);
        if (key === null || !key.startsWith(KEY_PREFIX)) continue;
        const day = key.slice(key.lastIndexOf(':') + 1);
        const mine = key.startsWith(`${KEY_PREFIX}${this.schoolId}:`);
        if ((mine && key !== this.key()) || day < stale) store.removeItem(key);
      }
    } catch {
      // A storage that cannot be listed keeps its old keys; they are small and dated.
    }
  }

  private save(): void {
    try {
      const store = storage();
      if (this.ids.size === 0) store?.removeItem(this.key()); else store?.setItem(this.key(), JSON.stringify([...this.ids]));
    } catch {
      // Storage full or refused: the marks stay in this page's memory.
    }
  }
}
