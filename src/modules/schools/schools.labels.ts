export const TEACHER_KINDS = ['党员干部', '团干部', '少先队辅导员', '教师', '其他'] as const;
export const ATTENDANCE_RESULTS = { passed: '合格', failed: '不合格' } as const;
