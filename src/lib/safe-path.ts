const LOCAL_ORIGIN = 'http://local.invalid';

/**
 * The only way a `back`, `next` or `from` parameter is followed (server and admin alike): a path of this site,
 * or the fallback. Browsers drop tabs and newlines inside a URL and read `\` as `/`, so `/\t/evil.example`
 * becomes `//evil.example`, another site; anything with such characters, or resolving elsewhere, is refused.
 */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  // Controls, spaces and backslashes, raw or percent-encoded, have no business in a path we send people to.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u0020\u007f\\]|%(?:0[0-9a-f]|1[0-9a-f]|20|5c|7f)/i.test(value)) return fallback;
  if (value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, LOCAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
