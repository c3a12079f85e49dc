import type { Config } from '../config.ts';
import { saveGeneratedSecret } from '../config.ts';
import { createPersonalDataCipher, type PersonalDataCipher } from '../lib/crypto.ts';
import { DomainError } from '../lib/errors.ts';
import type { Db } from './create-db.ts';
import { findSealedSample, findSetting, insertSettingIfMissing } from './system-settings.repository.ts';

export const KEY_CHECK_SETTING = 'key_check';
const CHECK_TEXT = 'tuanwu data key check v1';

/** The data key in use cannot open the database's data: continuing would make every sealed value unreadable. */
export class KeyMismatchError extends DomainError {
  readonly statusCode = 500;
  readonly code = 'KEY_MISMATCH';
}

export function sealKeyCheck(cipher: PersonalDataCipher): string {
  return cipher.encrypt(CHECK_TEXT);
}

/** Whether the cipher opens a value sealed with the data key (the check value, or any sealed column). */
export function opens(cipher: PersonalDataCipher, sealed: string, expected?: string): boolean {
  try {
    const plain = cipher.decrypt(sealed);
    return expected === undefined || plain === expected;
  } catch {
    return false;
  }
}

export const opensKeyCheck = (cipher: PersonalDataCipher, sealed: string) =>
  opens(cipher, sealed, CHECK_TEXT);

/** What to bring, and where: the user must end up with the key the data was sealed with. */
export function keyAdvice(config: Pick<Config, 'dataDir' | 'secretSource'>): string {
  const source = config.secretSource;
  if (source?.kind === 'env') {
    return '环境变量 TUANWU_SECRET 中的密钥不是加密这些数据时所用的密钥。请把 TUANWU_SECRET 设为原密钥后重试。';
  }
  const file = source?.kind === 'file' ? source.path : `${config.dataDir}/secret.key`;
  const found =
    source?.kind === 'file' && source.generated
      ? `数据文件夹中没有密钥文件 ${file}。`
      : `密钥文件 ${file} 不是加密这些数据时所用的密钥。`;
  return `${found}请把原来的 secret.key（与数据库一起备份的那个）放到 ${file}，或把环境变量 TUANWU_SECRET 设为原密钥，然后重试。`;
}

/**
 * The data key of this process, once it is known to open the database: the check value stored by the first
 * start, or (a database from before the check) a sealed value. A new database gets the check value, and a
 * newly generated key is written to its file only then.
 */
export async function openDataKey(db: Db, config: Config): Promise<PersonalDataCipher> {
  let cipher = createPersonalDataCipher(config.secret);
  const refuse = () =>
    new KeyMismatchError(`数据库的数据无法用当前密钥解密，服务未启动。${keyAdvice(config)}`);
  const sealed = await findSetting(db, KEY_CHECK_SETTING);
  if (sealed !== undefined) {
    if (!opensKeyCheck(cipher, sealed)) throw refuse();
    return cipher;
  }
  const sample = await findSealedSample(db);
  if (sample !== undefined && !opens(cipher, sample)) throw refuse();
  // Another process starting beside this one may have written its key first; then that key is the one.
  if (saveGeneratedSecret(config)) cipher = createPersonalDataCipher(config.secret);
  await insertSettingIfMissing(db, KEY_CHECK_SETTING, sealKeyCheck(cipher));
  const stored = await findSetting(db, KEY_CHECK_SETTING);
  if (stored === undefined || !opensKeyCheck(cipher, stored)) throw refuse();
  return cipher;
}
