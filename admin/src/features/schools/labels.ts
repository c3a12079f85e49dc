/** The kinds of league-school teacher offered in the forms (团校 teachers are recorded by kind). */
export const TEACHER_KINDS = ['党员干部', '团干部', '少先队辅导员', '教师', '其他'];
