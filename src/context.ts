import type { Config } from './config.ts';
import type { Db } from './db/create-db.ts';
import type { PersonalDataCipher } from './lib/crypto.ts';

/** What every service needs: the database and the personal-data cipher. Built once per process. */
export interface AppContext {
  db: Db;
  cipher: PersonalDataCipher;
  config: Config;
}
