import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ApiError, errorMessage, fieldProblems } from '../api/client';
import { beijingTime } from './dates';

/**
 * Puts a refused write's problems on the form fields they name. `aliases` maps other names the server
 * may use for a field (e.g. its Chinese column header, or `orgCode` for `org`) to the form's field name.
 * Returns the message to show for what could not be placed on a field (null when all were placed).
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  aliases: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const problems = fieldProblems(error.details);
  if (problems.length === 0) return error.message;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const p of problems) {
    const name = p.field ? (aliases[p.field] ?? p.field) : null;
    if (name && (known.has(name) || Object.values(aliases).includes(name))) {
      byField.set(name, [...(byField.get(name) ?? []), p.message]);
    } else {
      unplaced.push(p.field ? `${p.field}：${p.message}` : p.message);
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (unplaced.length > 0) return unplaced.join('；');
  return byField.size > 0 ? null : error.message;
}

/** `YYYY-MM-DD` ↔ Dayjs for DatePicker fields. */
export const toDay = (v: string | null | undefined): Dayjs | null => (v ? dayjs(v) : null);
export const fromDay = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

/** Empty strings become null, so that clearing a field clears it on the server. */
export function blankToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  return out as T;
}

/** An instant as Beijing's wall clock, to the second. */
export const formatDateTime = (v: string | null | undefined): string => beijingTime(v, { seconds: true });
