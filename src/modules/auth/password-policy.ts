/**
 * Staff and young people alike hold passwords to minors' records, so a password must be hard to guess:
 * 16 characters or more (a passphrase), or 10–15 with three of the four classes (lower case, upper case,
 * digits, symbols), or 8–9 with all four; never mostly one character (`aaaaaaaa`), nor the username in it.
 */
export const PASSWORD_RULE =
  '密码须为16位以上，或10位以上且含大写字母、小写字母、数字、符号中的三类，或8至9位且四类齐全';

export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length > 200) return '密码不能超过200个字符';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(password)).length;
  const strongEnough = length >= 16 || (length >= 10 && classes >= 3) || (length >= 8 && classes === 4);
  if (!strongEnough) return PASSWORD_RULE;
  if (new Set(password).size < 5) return '密码不能主要由同一个或少数几个字符组成';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    return '密码不能包含用户名';
  return null;
}
