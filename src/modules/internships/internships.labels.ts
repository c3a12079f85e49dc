export const INTERNSHIP_PROGRAMS = ['大学生向基层报到', '扬帆计划', '三下乡', '其他'] as const;
export const PLACEMENT_STATUSES = { hired: '已录用', completed: '已完成', incomplete: '未完成' } as const;
