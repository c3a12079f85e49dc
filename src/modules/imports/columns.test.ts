import { describe, expect, it } from 'vitest';
import { codeColumn, enumColumn, textColumn } from './columns.ts';

describe('control characters in cells', () => {
  const name = textColumn({ header: '姓名', key: 'name' });
  const note = textColumn({ header: '备注', key: 'note', multiline: true });

  it('refuses NUL and other control characters in every kind of cell, naming the character', () => {
    expect(name.read('张\u0000三')).toEqual({
      ok: false,
      reason: '含有不可见的控制字符 U+0000，请删除后再导入',
    });
    expect(note.read('第一行\u001b')).toEqual({
      ok: false,
      reason: '含有不可见的控制字符 U+001B，请删除后再导入',
    });
    const code = codeColumn({ header: '编码', key: 'code', pattern: /^.+$/s, reason: '格式不对' });
    expect(code.read('A\u007f1')).toMatchObject({ ok: false, reason: expect.stringMatching(/U\+007F/) });
    const kind = enumColumn({ header: '类型', key: 'kind', labels: { a: '甲' } });
    expect(kind.read('甲\u0085')).toMatchObject({ ok: false, reason: expect.stringMatching(/U\+0085/) });
  });

  it('takes line breaks only where the column allows several lines', () => {
    expect(name.read('张\n三')).toEqual({ ok: false, reason: '不能含有换行或制表符：本列只能填一行文字' });
    expect(name.read('张\t三')).toMatchObject({ ok: false });
    expect(note.read('第一行\r\n第二行')).toEqual({ ok: true, value: '第一行\r\n第二行' });
    // Line breaks around the text are trimmed away, as spaces are.
    expect(name.read('张三\n')).toEqual({ ok: true, value: '张三' });
  });
});
