export const FUND_PROGRAMS = ['心理健康', '助学', '青年之家', '其他'] as const;
export const FUND_SOURCES = ['财政拨款', '社会募集', '其他'] as const;
