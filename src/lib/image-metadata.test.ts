import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stripImageMetadata } from './image-metadata.ts';

/** A photo as a phone leaves it: JFIF, an EXIF block with a GPS position (39°54′27″N 116°23′30″E) and the
 * camera's make, an XMP packet repeating the position, and a comment naming the photographer. */
const GPS_PHOTO = readFileSync(new URL('../test/fixtures/gps-photo.jpg', import.meta.url));

/** The JPEG's segments (marker, offset) up to the first scan. */
function jpegSegments(b: Buffer): { marker: number; body: Buffer }[] {
  const out: { marker: number; body: Buffer }[] = [];
  let i = 2;
  while (i < b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    const length = b.readUInt16BE(i + 2);
    out.push({ marker, body: b.subarray(i + 4, i + 2 + length) });
    if (marker === 0xda) break;
    i += 2 + length;
  }
  return out;
}

function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

describe('stripImageMetadata', () => {
  it('takes the GPS position, camera, XMP and comment out of a JPEG, and leaves the picture byte for byte', () => {
    const before = jpegSegments(GPS_PHOTO);
    expect(
      before.some((s) => s.marker === 0xe1 && s.body.subarray(0, 6).toString('latin1') === 'Exif\0\0'),
    ).toBe(true);
    // The GPS IFD pointer (tag 0x8825) and the latitude's 39/1 rational are there to begin with.
    expect(GPS_PHOTO.includes(Buffer.from([0x88, 0x25, 0x00, 0x04]))).toBe(true);
    expect(GPS_PHOTO.includes(Buffer.from([0, 0, 0, 39, 0, 0, 0, 1, 0, 0, 0, 54, 0, 0, 0, 1]))).toBe(true);

    const stripped = stripImageMetadata(GPS_PHOTO, 'image/jpeg')!;

    const text = stripped.toString('latin1');
    for (const gone of ['Exif', 'PhoneCo', 'GPSLatitude', 'xap/1.0', 'Zhang San', '39.9075'])
      expect(text).not.toContain(gone);
    expect(stripped.includes(Buffer.from([0x88, 0x25, 0x00, 0x04]))).toBe(false);
    const after = jpegSegments(stripped);
    expect(after.map((s) => s.marker)).toEqual(
      before.filter((s) => s.marker !== 0xe1 && s.marker !== 0xfe).map((s) => s.marker),
    );
    expect(after[0]!.body.subarray(0, 5).toString('latin1')).toBe('JFIF\0');
    // Everything from the first table on is the original file's, untouched: same pixels, same size but the metadata.
    const firstTable = GPS_PHOTO.indexOf(Buffer.from([0xff, 0xdb]));
    expect(stripped.subarray(stripped.indexOf(Buffer.from([0xff, 0xdb])))).toEqual(
      GPS_PHOTO.subarray(firstTable),
    );
    expect(stripped.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // Stripping twice changes nothing more.
    expect(stripImageMetadata(stripped, 'image/jpeg')).toEqual(stripped);
  });

  it('keeps an ICC profile, drops any trailer after the end of the image, and refuses a truncated JPEG', () => {
    const icc = Buffer.concat([
      Buffer.from([0xff, 0xe2, 0x00, 0x12]),
      Buffer.from('ICC_PROFILE\0'),
      Buffer.from([1, 1, 0, 0]),
    ]);
    const withIcc = Buffer.concat([
      GPS_PHOTO.subarray(0, 2),
      icc,
      GPS_PHOTO.subarray(2),
      Buffer.from('trailer GPS'),
    ]);
    const stripped = stripImageMetadata(withIcc, 'image/jpeg')!;
    expect(stripped.includes(Buffer.from('ICC_PROFILE\0'))).toBe(true);
    expect(stripped.toString('latin1')).not.toContain('trailer');
    expect(stripImageMetadata(GPS_PHOTO.subarray(0, GPS_PHOTO.length - 200), 'image/jpeg')).toBeNull();
    expect(stripImageMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), 'image/jpeg')).toBeNull();
  });

  it('drops PNG text, EXIF and time chunks, keeping the image chunks and valid CRCs', () => {
    const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('tEXt', Buffer.from('Author\0Zhang San')),
      pngChunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta GPSLatitude="39"/>')),
      pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync('at home, 39.9N')])),
      pngChunk('eXIf', Buffer.from('MM\0*GPS')),
      pngChunk('tIME', Buffer.from([7, 234, 12, 2, 8, 0, 0])),
      pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
      pngChunk('IEND', Buffer.alloc(0)),
      Buffer.from('appended'),
    ]);
    const stripped = stripImageMetadata(png, 'image/png')!;
    const text = stripped.toString('latin1');
    for (const gone of ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME', 'Zhang', 'GPS', 'appended'])
      expect(text).not.toContain(gone);
    expect(stripped).toEqual(
      Buffer.concat([
        png.subarray(0, 8),
        pngChunk('IHDR', ihdr),
        pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
        pngChunk('IEND', Buffer.alloc(0)),
      ]),
    );
    expect(stripImageMetadata(png.subarray(0, 40), 'image/png')).toBeNull();
  });

  it('drops WebP EXIF and XMP chunks, clears their flags and fixes the RIFF size', () => {
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x0c | 0x10; // EXIF + XMP + alpha
    const image = riffChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0]));
    const body = Buffer.concat([
      riffChunk('VP8X', vp8x),
      image,
      riffChunk('EXIF', Buffer.from('MM\0*GPS 39N')),
      riffChunk('XMP ', Buffer.from('<x:xmpmeta GPSLatitude="39"/>')),
    ]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), body]);
    webp.writeUInt32LE(webp.length - 8, 4);
    const stripped = stripImageMetadata(webp, 'image/webp')!;
    expect(stripped.toString('latin1')).not.toMatch(/EXIF|XMP|GPS/);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect(stripped[20]).toBe(0x10);
    expect(stripped.subarray(30)).toEqual(image);
  });

  it('passes a GIF through', () => {
    const gif = Buffer.from('GIF89a...');
    expect(stripImageMetadata(gif, 'image/gif')).toBe(gif);
  });
});
