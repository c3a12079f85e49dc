/**
 * The workplaces of the demo county: generic bodies every county has (their names carry the made-up
 * county's name, so none stands for a real one) and invented firm and association names.
 */

/** 党政机关 under the 县直机关团工委; `branches` makes it a 团总支 with those 团支部. */
export const ORGANS: { name: string; branches?: string[] }[] = [
  { name: '县委办公室' },
  { name: '县人民政府办公室' },
  { name: '县委组织部' },
  { name: '县纪委监委' },
  { name: '县公安局', branches: ['交通管理大队', '城区派出所', '刑事侦查大队'] },
  { name: '县人民法院' },
  { name: '县人民检察院' },
  { name: '县财政局' },
  { name: '县教育局' },
  { name: '县市场监督管理局' },
];

/** 事业单位, directly under the county committee. */
export const INSTITUTIONS: { name: string; branches?: string[] }[] = [
  { name: '县人民医院', branches: ['内科', '外科', '护理部'] },
  { name: '县中医院' },
  { name: '县妇幼保健院' },
  { name: '县疾病预防控制中心' },
  { name: '县融媒体中心' },
  { name: '县农业技术推广中心' },
  { name: '县图书馆' },
];

/** 国有企业; those with `branches` have a 团委 of their own. */
export const STATE_FIRMS: { name: string; branches?: string[] }[] = [
  { name: '县供电公司', branches: ['运维检修', '营销服务'] },
  { name: '县农村商业银行', branches: ['营业部', '城区支行', '乡镇支行'] },
  { name: '县自来水有限公司' },
  { name: '县城市建设投资有限公司' },
  { name: '县交通运输集团有限公司' },
  { name: '县粮食储备有限公司' },
];

// biome-ignore format: a table reads better than one name per line
export const FIRM_BRANDS = [
  '恒达', '宏远', '华盛', '鑫源', '金桥', '瑞丰', '天成', '永兴', '嘉禾', '中科', '新锐', '润泽', '众诚',
  '博远', '兴旺', '丰源', '信达', '佳美', '盛世', '卓越', '昌隆', '德润', '凯旋', '汇通', '利民', '鸿运',
  '腾飞', '安泰', '百川', '万象', '青禾', '绿源', '远航', '正阳', '明辉', '聚力', '同创', '鼎盛', '和顺',
];

// biome-ignore format: a table reads better than one name per line
export const FIRM_TRADES = [
  '食品', '纺织', '服饰', '机械制造', '电子科技', '物流', '建材', '农业开发', '电子商务', '新能源',
  '汽车配件', '包装材料', '家具', '医药', '网络科技', '农机', '塑料制品', '生物科技', '文化传媒', '餐饮管理',
];

/** 社会组织 (associations and 民办非企业单位), named after the county. */
// biome-ignore format: a table reads better than one name per line
export const ASSOCIATIONS = [
  '青年志愿者协会', '青年企业家协会', '青年创业促进会', '电子商务协会', '义工联合会', '爱心公益协会',
  '阳光社会工作服务中心', '春雨志愿服务中心', '助残志愿者协会', '书法家协会', '摄影家协会', '户外运动协会',
  '网络文化协会', '青少年足球协会', '博雅培训学校', '启明星幼儿园', '新蕾艺术培训学校', '乡村振兴促进会',
  '养老服务中心', '家庭教育促进会', '应急救援协会', '青年农民专业合作联合会', '心理健康服务中心',
  '读书会', '非遗传承协会', '志愿消防协会',
];

/** Majors of the 中职 classes and the 高校's schools. */
export const VOCATIONAL_CLASSES = ['机电', '护理', '计算机', '学前教育', '电子商务', '汽车维修'];
export const COLLEGE_SCHOOLS: { name: string; majors: string[] }[] = [
  { name: '机电工程学院', majors: ['机电一体化', '数控技术', '工业机器人'] },
  { name: '信息工程学院', majors: ['软件技术', '大数据技术', '电子商务'] },
  { name: '医学院', majors: ['护理', '药学', '康复治疗'] },
];
