import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Personal data protection (DESIGN.md): identity numbers are encrypted with AES-256-GCM and looked up by an
 * HMAC-SHA-256 of their value. Both keys derive from TUANWU_SECRET, so neither is stored beside the data.
 */
export interface PersonalDataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  lookupHash(plain: string): string;
}

const IV_BYTES = 12;

/**
 * Random GCM nonces drawn from the CSPRNG a few thousand at a time: one system call per nonce made bulk imports
 * spend more time in randomBytes than in the database. Each nonce is still fresh random bytes, used once.
 */
function randomNonces(batch = 4096) {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return {
    next(): Buffer {
      if (offset + IV_BYTES > pool.length) {
        pool = randomBytes(IV_BYTES * batch);
        offset = 0;
      }
      offset += IV_BYTES;
      return pool.subarray(offset - IV_BYTES, offset);
    },
  };
}

export function createPersonalDataCipher(secret: string): PersonalDataCipher {
  const ivs = randomNonces();
  const ikm = Buffer.from(secret, 'utf8');
  const encryptionKey = Buffer.from(hkdfSync('sha256', ikm, 'tuanwu', 'personal-data-encryption', 32));
  const hashKey = Buffer.from(hkdfSync('sha256', ikm, 'tuanwu', 'personal-data-lookup', 32));
  return {
    encrypt(plain) {
      const iv = ivs.next();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      // GCM is a stream mode: update() returns the whole ciphertext and final() nothing but the tag's computation.
      const body = cipher.update(plain, 'utf8');
      cipher.final();
      const sealed = Buffer.allocUnsafe(IV_BYTES + 16 + body.length);
      iv.copy(sealed, 0);
      cipher.getAuthTag().copy(sealed, IV_BYTES);
      body.copy(sealed, IV_BYTES + 16);
      return `v1.${sealed.toString('base64')}`;
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(plain) {
      return createHmac('sha256', hashKey).update(plain).digest('base64url');
    },
  };
}

const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1, keylen: 64 } as const;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      SCRYPT_PARAMS.keylen,
      { N: SCRYPT_PARAMS.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return `scrypt$${SCRYPT_PARAMS.N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64');
  const actual = await scryptAsync(password, Buffer.from(saltText, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
