import { describe, expect, it } from 'vitest';
import { PASSWORD_RULE, passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it('accepts the demo password and strong ones', () => {
    for (const p of ['Demo@2026', 'young-pass-1', 'Abcdef12345', 'correct-horse-battery', 'Zx9!Qw7#']) {
      expect(passwordProblem(p), p).toBeNull();
    }
  });

  it('refuses weak ones with the rule in Chinese', () => {
    for (const p of ['aaaaaaaa', 'password', '12345678', 'abcdefghij1', 'Abcdefg1', 'short']) {
      expect(passwordProblem(p), p).toBe(PASSWORD_RULE);
    }
    expect(passwordProblem('aaaaaaaaaaaaaaaaaaaa')).toMatch(/同一个/);
    expect(passwordProblem('Admin@2026x', 'admin')).toBe('密码不能包含用户名');
  });
});
