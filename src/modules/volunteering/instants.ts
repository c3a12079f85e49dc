import { localDateTimeOf, parseDateTime } from '../../lib/dates.ts';
import { ValidationError } from '../../lib/errors.ts';

/** `2026-03-05 09:00` (Asia/Shanghai) or a full ISO-8601 instant → ISO UTC string; a precise error otherwise. */
export function parseInstant(field: string, text: string, label: string): string {
  const local = parseDateTime(text);
  if (local) return local;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim())) {
    const t = Date.parse(text);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  throw ValidationError.field(field, text, `${label}格式不正确，应为 YYYY-MM-DD HH:mm`);
}

export function optionalInstant(
  field: string,
  text: string | null | undefined,
  label: string,
): string | null {
  return text == null || text === '' ? null : parseInstant(field, text, label);
}

/** `2026-03-05 09:00`, Beijing time, for messages. */
export function localTime(iso: string): string {
  return localDateTimeOf(iso).slice(0, 16);
}
