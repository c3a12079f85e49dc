import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { multipartFile } from '../../test/dump.ts';
import { buildUser } from '../../test/factories.ts';
import { imageDir } from './images.service.ts';

/** Issue 12 (low): a photo uploaded for the site loses its EXIF/GPS before it is stored and served. */
const GPS_PHOTO = readFileSync(new URL('../../test/fixtures/gps-photo.jpg', import.meta.url));

for (const dialect of DIALECTS) {
  describe(`uploaded images lose their metadata (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let editor: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildUser(ctx, { username: 'jia-editor', orgCode: 'SL-A', roles: ['portal_editor'] });
      editor = await login(sut, 'jia-editor', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const upload = (name: string, content: Buffer) => {
      const file = multipartFile(name, content);
      return sut.inject({
        method: 'POST',
        url: '/api/newsroom/images',
        headers: { ...editor.headers, ...file.headers },
        payload: file.payload,
      });
    };

    it('stores and serves a phone photo without its GPS position, camera, XMP or comment', async () => {
      expect(GPS_PHOTO.toString('latin1')).toContain('Exif');
      const res = await upload('volunteers.jpg', GPS_PHOTO);
      expect(res.statusCode, res.body).toBe(201);
      const { url, bytes } = res.json();
      const stored = readFileSync(path.join(imageDir(ctx.config.dataDir), path.basename(url)));
      const served = await sut.inject({ url });
      expect(served.statusCode).toBe(200);
      for (const file of [stored, served.rawPayload]) {
        const text = file.toString('latin1');
        for (const gone of ['Exif', 'PhoneCo', 'GPSLatitude', 'Zhang San']) expect(text).not.toContain(gone);
        expect(file.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      }
      expect(bytes).toBe(stored.length);
      expect(bytes).toBeLessThan(GPS_PHOTO.length);
      const row = await ctx.db
        .selectFrom('portal_images')
        .select('bytes')
        .where('file_name', '=', path.basename(url))
        .executeTakeFirstOrThrow();
      expect(Number(row.bytes)).toBe(stored.length);
    });

    it('refuses a picture that is cut off rather than storing what it cannot read', async () => {
      const res = await upload('cut.jpg', GPS_PHOTO.subarray(0, GPS_PHOTO.length - 300));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toBe('图片文件不完整或已损坏，请重新导出后上传');
    });
  });
}
