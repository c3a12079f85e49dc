/**
 * Other ways of writing a value that the import reads as one of ours (issue 15: "each kind lists what it folds,
 * and everything else is an error"). Folds belong to a column's type, not to a kind: an enumeration folds by the
 * labels it offers (every column offering 男 reads M), a date column by the date spellings below, and so on, so
 * that two kinds with the same sort of column fold the same way by construction.
 *
 * Each entry is a spelling seen in the exports we were given or in a national standard, and means one label
 * only; an ambiguous spelling (「预备」, 「支部」) is left out, so that it stays an error the clerk resolves.
 */

/** Label → other spellings of it. Letters are compared in upper case. */
export const LABEL_FOLDS: Readonly<Record<string, readonly string[]>> = {
  // 性别: GB/T 2261.1 words and the English letters of volunteer systems' exports.
  男: ['男性', 'M', 'MALE'],
  女: ['女性', 'F', 'FEMALE'],
  // 政治面貌: GB/T 4762 full names, and the short forms of 智慧团建 and county sheets.
  共青团员: ['团员', '中国共产主义青年团团员'],
  中共预备党员: ['预备党员', '中共预备', '中国共产党预备党员'],
  中共党员: ['党员', '共产党员', '中国共产党党员'],
  少先队员: ['少先队', '中国少年先锋队队员'],
  // 证件类型: the short and the per-region names of the documents (GA/T 2000 names the permits apart).
  居民身份证: ['身份证', '二代身份证'],
  港澳台居民居住证: ['港澳居民居住证', '台湾居民居住证'],
  护照: ['PASSPORT'],
  // 组织类型: the full names the organisations' own seals and 智慧团建's 组织类别 use.
  团委: ['团委员会', '共青团委员会'],
  团工委: ['团工作委员会', '共青团工作委员会'],
  团总支: ['团总支部', '团总支部委员会'],
  团支部: ['团支部委员会'],
  // 区划级别 / 组织层级: IMPORT-SPEC.md "县 covers 区 and 县级市; 乡镇 covers 街道".
  县: ['区', '县级市'],
  乡镇: ['乡', '镇', '街道'],
  村社区: ['村', '社区', '行政村', '村委会', '居委会'],
  // 职务: how 智慧团建's 团干部 export writes 团内职务.
  书记: ['团委书记', '团支部书记', '团总支书记', '团工委书记'],
  副书记: ['团委副书记', '团支部副书记', '团总支副书记', '团工委副书记'],
  委员: ['团委委员', '支部委员', '组织委员', '宣传委员'],
  // 任职方式.
  专职: ['专职团干部'],
  兼职: ['兼职团干部'],
  挂职: ['挂职团干部'],
};

/** Spellings of a date that every date column reads (lib/dates.ts and the compact form below). */
export const DATE_FOLDS = [
  '2008/5/4、2008.5.4、2008年5月4日、20080504 → 2008-05-04',
  'Excel 日期格式的单元格',
] as const;

/** A date column that keeps a year and month (入团年月, 任职年月) reads these too. */
export const MONTH_FOLDS = [
  '2008年5月、2008.5、2008-05、200805 → 2008-05-01（只有年月时按当月1日）',
] as const;

export const DATE_TIME_FOLDS = [
  '2023/3/5 9:00、2023.3.5 09:00:00、2023年3月5日 9:00 → 2023-03-05 09:00',
  'Excel 日期时间格式的单元格',
] as const;

export const MONEY_FOLDS = ['￥1,234.50、¥1234.5、1234.5元 → 1234.50'] as const;

/** Units an hours figure may be written with (志愿汇 writes 「2小时」, class plans 「2学时」). */
export const HOURS_UNITS = ['小时', '学时', '课时', 'H'] as const;
export const HOURS_FOLDS = ['2.5小时、2学时、2课时、2h → 2.5 / 2'] as const;
