/** Figures written the Chinese way (REPORT-SPEC.md "The article"): `516名`, `56.12万元`, `34591人次`, `100%`. */

/** Up to `digits` decimals, trailing zeros dropped. */
function trimmed(x: number, digits: number): string {
  return String(Number(x.toFixed(digits)));
}

export function count(n: number, unit: string): string {
  return `${n}${unit}`;
}

/** Yuan: from ten thousand up in 万元 with two decimals (`56.12万元`), below in 元. */
export function money(yuan: number): string {
  if (yuan >= 10_000) return `${(Math.round(yuan / 100) / 100).toFixed(2)}万元`;
  return `${trimmed(yuan, 2)}元`;
}

export function percent(ratio: number): string {
  return `${trimmed(ratio * 100, 2)}%`;
}

export function hours(h: number): string {
  return `${trimmed(h, 2)}小时`;
}

/** `2022年1月` */
export function yearMonth(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月`;
}

/** How the column names a period: `2022年以来` for whole years up to the end, else `2022年3月至2023年6月`. */
export function periodPhrase(from: string, to: string): string {
  const wholeYears = from.endsWith('-01-01') && to.endsWith('-12-31');
  if (wholeYears && from.slice(0, 4) === to.slice(0, 4)) return `${Number(from.slice(0, 4))}年`;
  if (wholeYears) return `${Number(from.slice(0, 4))}年以来`;
  return `${yearMonth(from)}至${yearMonth(to)}`;
}
