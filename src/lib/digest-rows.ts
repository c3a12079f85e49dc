const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SIXES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64URL.length; i++) SIXES[BASE64URL.charCodeAt(i)] = i;

/** 30 bits from five base64url characters starting at `from`. */
function bits30(digest: string, from: number): number {
  let value = 0;
  for (let i = from; i < from + 5; i++) {
    const six = SIXES[digest.charCodeAt(i)] ?? -1;
    if (six < 0) throw new Error(`not a base64url digest: ${digest}`);
    value = value * 64 + six;
  }
  return value;
}

/**
 * The row on which each keyed digest (an identity number's HMAC, base64url) was last seen in a file, in at most
 * 24 bytes a row where a Map of the strings took over a hundred: a million-row import stays small. It keeps the digest's first
 * 60 bits; two different people sharing them in one file is a chance of about N² / 2⁶¹ (under 10⁻⁶ for a
 * million rows), and would only cost a needless "same number as row …" warning.
 */
export class DigestRows {
  #high: Uint32Array;
  #low: Uint32Array;
  #rows: Int32Array;
  #count = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.#high = new Uint32Array(size);
    this.#low = new Uint32Array(size);
    this.#rows = new Int32Array(size);
  }

  /** Records `digest` on `row` (a positive number) and answers the row it was last seen on before, or 0. */
  put(digest: string, row: number): number {
    // One is added so that no key is 0, which marks an empty slot.
    const high = bits30(digest, 0) + 1;
    const low = bits30(digest, 5);
    const mask = this.#rows.length - 1;
    let slot = low & mask;
    while (this.#high[slot] !== 0) {
      if (this.#high[slot] === high && this.#low[slot] === low) {
        const before = this.#rows[slot]!;
        this.#rows[slot] = row;
        return before;
      }
      slot = (slot + 1) & mask;
    }
    this.#high[slot] = high;
    this.#low[slot] = low;
    this.#rows[slot] = row;
    if (++this.#count * 2 > this.#rows.length) this.#grow();
    return 0;
  }

  #grow(): void {
    const [high, low, rows] = [this.#high, this.#low, this.#rows];
    const size = rows.length * 2;
    this.#high = new Uint32Array(size);
    this.#low = new Uint32Array(size);
    this.#rows = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < rows.length; i++) {
      if (high[i] === 0) continue;
      let slot = low[i]! & mask;
      while (this.#high[slot] !== 0) slot = (slot + 1) & mask;
      this.#high[slot] = high[i]!;
      this.#low[slot] = low[i]!;
      this.#rows[slot] = rows[i]!;
    }
  }
}
