export interface ClassItem {
  code: string;
  title: string;
  heldOn: string;
  hours: number;
  teacher: string | null;
  teacherKind: string | null;
  org: { code: string; name: string };
  school: { code: string; name: string } | null;
  attendees: number;
}

export interface ClassDetail extends Omit<ClassItem, 'attendees'> {
  attendance: { personId: number; name: string; idNumberMasked: string; result: 'passed' | 'failed' }[];
}

export interface SchoolItem {
  code: string;
  name: string;
  org: { code: string; name: string };
  honoraryPrincipal: string | null;
  establishedOn: string | null;
}

export interface SchoolDetail extends SchoolItem {
  teachers: { id: number; name: string; kind: string }[];
  classes: ClassItem[];
}

export const TEACHER_KINDS = ['党员干部', '团干部', '少先队辅导员', '教师', '其他'];
