/** Seeded, deterministic randomness: the same seed gives the same database on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** One of the keys, with probability proportional to its weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as Array<[T, number]>;
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return (entries[entries.length - 1] as [T, number])[0];
  }
  hex(digits: number): string {
    let s = '';
    while (s.length < digits)
      s += Math.floor(this.next() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return s.slice(0, digits);
  }
}

/**
 * Deterministic UUIDv7 strings (the app's id format): the time part counts up from a fixed instant,
 * so ids are unique and ordered like the app's own, and the random part comes from the seeded generator.
 */
export class IdMaker {
  private ms: number;
  constructor(
    private readonly rng: Rng,
    start = Date.UTC(2019, 0, 1),
  ) {
    this.ms = start;
  }
  next(): string {
    this.ms += 1;
    const t = this.ms.toString(16).padStart(12, '0');
    const variant = (8 + Math.floor(this.rng.next() * 4)).toString(16);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${this.rng.hex(3)}-${variant}${this.rng.hex(3)}-${this.rng.hex(12)}`;
  }
}
