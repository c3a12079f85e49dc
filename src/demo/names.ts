import type { Random } from './random.ts';

/**
 * Surnames roughly in the order of their frequency in Henan, the most common first; the weight of the
 * i-th is proportional to 1 / (i + 4), so 王, 李 and 张 are common and 覃 or 佘 rare, as in a real roster.
 */
// biome-ignore format: a table reads better than one name per line
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '郭', '何',
  '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许',
  '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余', '潘',
  '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方', '石', '姚', '谭', '廖', '邹', '熊', '金',
  '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史', '顾', '侯', '邵', '孟', '龙', '万',
  '段', '雷', '钱', '汤', '尹', '黎', '易', '常', '武', '乔', '贺', '赖', '龚', '文', '牛', '申', '闫',
  '耿', '翟', '焦', '葛', '岳', '司', '聂', '靳', '庞', '樊', '鲁', '陶', '殷', '房', '付', '覃', '佘',
];

// biome-ignore format: a table reads better than one name per line
const MALE_CHARS = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波',
  '斌', '宇', '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '阳', '博', '文', '轩', '晨',
  '昊', '然', '睿', '泽', '航', '锐', '毅', '峰', '豪', '瑞', '翔', '晗', '恒', '嘉', '铭', '宏', '志',
  '振', '国', '建', '新', '家', '子', '梓', '一', '天', '逸', '思', '奕', '宸', '承', '景', '书', '远',
];

// biome-ignore format: a table reads better than one name per line
const FEMALE_CHARS = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '慧', '莹', '琳', '倩', '颖',
  '洁', '晶', '欣', '悦', '萌', '琪', '瑶', '涵', '怡', '佳', '雨', '梦', '诗', '雅', '梓', '可', '馨',
  '彤', '妍', '蕾', '璐', '菲', '楠', '晴', '月', '岚', '思', '若', '一', '欢', '子', '心', '语', '嘉',
  '宁', '安', '露', '薇', '青', '春', '茜', '媛', '丹', '冰', '童', '桐', '紫', '依', '文', '晓',
];

const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 4));
const SURNAME_TOTAL = SURNAME_WEIGHTS.reduce((a, b) => a + b, 0);

export function pickSurname(random: Random): string {
  let roll = random.next() * SURNAME_TOTAL;
  for (let i = 0; i < SURNAMES.length; i++) {
    roll -= SURNAME_WEIGHTS[i]!;
    if (roll < 0) return SURNAMES[i]!;
  }
  return SURNAMES[0]!;
}

/** A full name: a surname and one or (mostly) two given-name characters fitting the gender. */
export function personName(random: Random, gender: '男' | '女'): string {
  const chars = gender === '男' ? MALE_CHARS : FEMALE_CHARS;
  const first = random.pick(chars);
  if (random.chance(0.15)) return pickSurname(random) + first;
  let second = random.pick(chars);
  while (second === first) second = random.pick(chars);
  return pickSurname(random) + first + second;
}
