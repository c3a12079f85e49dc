import { describe, expect, it } from 'vitest';
import { format } from '../people/people.format.ts';
import { suggestMapping } from './header-mapping.ts';

describe('suggestMapping', () => {
  it('suggests by mapping, our names, synonyms, then similarity, each column once', () => {
    const headers = [
      '序号',
      '团员姓名',
      '公民身份号码',
      '政治面貌',
      '联系手机号',
      '工作单位',
      '身份证号',
      '备注',
    ];
    expect(suggestMapping(format.columns, headers, { 身份证号: null })).toEqual([
      { header: '序号', column: null, via: null },
      { header: '团员姓名', column: '姓名', via: 'synonym' },
      { header: '公民身份号码', column: '证件号码', via: 'synonym' },
      { header: '政治面貌', column: '政治面貌', via: 'exact' },
      { header: '联系手机号', column: '手机号码', via: 'similar' },
      { header: '工作单位', column: '工作单位或学校', via: 'synonym' },
      { header: '身份证号', column: null, via: 'mapping' },
      { header: '备注', column: null, via: null },
    ]);
  });
});
