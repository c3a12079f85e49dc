import { ATTENDANCE_RESULTS } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { ATTENDANCE_RESULTS };

export const TEACHER_KINDS = ['党员干部', '团干部', '少先队辅导员', '教师', '其他'] as const;
