import { maskIdNumber } from './id-number.ts';
import { foldWidth, maskPhone } from './text.ts';

/*
 * Digit runs are matched whole (no digit on either side), in half or full width, as a query typed with a Chinese
 * input method may come in either.
 */
const ID_18 = /(?<![0-9０-９])[0-9０-９]{17}[0-9０-９XxＸｘ](?![0-9０-９A-Za-z])/g;
const ID_15 = /(?<![0-9０-９])[0-9０-９]{15}(?![0-9０-９])/g;
const MOBILE = /(?<![0-9０-９])[1１][0-9０-９]{10}(?![0-9０-９])/g;
/** Checksums (a file's sha-256 in an import's audit entry) hold digit runs that only look like a mobile. */
const DIGEST = /[0-9A-Fa-f]{32,}/g;

/**
 * Text with every identity number (18 or 15 digits) and mobile number (11 digits from 1) masked as DESIGN.md
 * shows them: `4114************11`, `139****0001`. Applied where personal data could come to rest — every audit
 * entry and every logged URL — so that no caller has to remember it.
 */
export function redact(text: string): string {
  let out = '';
  let from = 0;
  for (const digest of text.matchAll(DIGEST)) {
    out += redactNumbers(text.slice(from, digest.index)) + digest[0];
    from = digest.index + digest[0].length;
  }
  return out + redactNumbers(text.slice(from));
}

function redactNumbers(text: string): string {
  return text
    .replace(ID_18, (m) => maskIdNumber(foldWidth(m).toUpperCase()))
    .replace(ID_15, (m) => maskIdNumber(foldWidth(m)))
    .replace(MOBILE, (m) => maskPhone(foldWidth(m)));
}

/** A URL whose query string is redacted; its path is left as it is (ids there are row numbers). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  let query = url.slice(q);
  try {
    query = decodeURIComponent(query);
  } catch {
    // Malformed escapes: redact the text as sent.
  }
  return url.slice(0, q) + redact(query);
}
