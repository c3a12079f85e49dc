/**
 * Strips the metadata a camera or phone writes into a picture — EXIF with GPS position, XMP, comments, maker
 * notes, thumbnails — before an uploaded image is stored and published (issue 12: a volunteer photo must not
 * carry the place it was taken, the device, or the author's name). Byte-level, no native dependency, no
 * re-encoding: the picture's pixels are copied untouched. What a renderer needs stays: JPEG's JFIF, ICC colour
 * profile and Adobe colour-transform segments, PNG's critical and colour chunks, WebP's image chunks.
 *
 * Returns null when the file does not parse as the kind it claims to be, so it can be refused rather than
 * stored half-understood.
 */
export function stripImageMetadata(content: Buffer, mime: string): Buffer | null {
  try {
    if (mime === 'image/jpeg') return stripJpeg(content);
    if (mime === 'image/png') return stripPng(content);
    if (mime === 'image/webp') return stripWebp(content);
    return content;
  } catch {
    return null;
  }
}

/** JPEG APPn segments kept, by their identifier: JFIF, the ICC profile, Adobe's colour transform. */
const JPEG_KEPT_APP = ['JFIF\0', 'JFXX\0', 'ICC_PROFILE\0', 'Adobe'];

function stripJpeg(b: Buffer): Buffer | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const out: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i + 1 >= b.length) return null;
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      // EOI: whatever follows (trailers some phones append) is dropped.
      out.push(b.subarray(i, i + 2));
      return Buffer.concat(out);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > b.length) return null;
    const length = b.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (length < 2 || end > b.length) return null;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const isComment = marker === 0xfe;
    const body = b.subarray(i + 4, end);
    const kept = isApp
      ? JPEG_KEPT_APP.some((id) => body.subarray(0, id.length).toString('latin1') === id)
      : !isComment;
    if (kept) out.push(b.subarray(i, end));
    i = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      let j = i;
      while (
        j + 1 < b.length &&
        !(b[j] === 0xff && b[j + 1] !== 0x00 && !(b[j + 1]! >= 0xd0 && b[j + 1]! <= 0xd7))
      )
        j++;
      if (j + 1 >= b.length) return null;
      out.push(b.subarray(i, j));
      i = j;
    }
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Text (any author, comment or software note) and EXIF chunks; the time of last change goes too. */
const PNG_DROPPED = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

function stripPng(b: Buffer): Buffer | null {
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const type = b.subarray(i + 4, i + 8).toString('latin1');
    const end = i + 12 + length;
    if (end > b.length) return null;
    if (!PNG_DROPPED.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return null;
}

function stripWebp(b: Buffer): Buffer | null {
  if (b.subarray(0, 4).toString('latin1') !== 'RIFF' || b.subarray(8, 12).toString('latin1') !== 'WEBP')
    return null;
  const riffEnd = Math.min(b.length, 8 + b.readUInt32LE(4));
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = b.subarray(i, i + 4).toString('latin1');
    const size = b.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) return null;
    if (type === 'VP8X') {
      const chunk = Buffer.from(b.subarray(i, Math.min(end, riffEnd)));
      // The flags byte announces EXIF (0x08) and XMP (0x04) chunks; they are gone, so are the flags.
      chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') chunks.push(b.subarray(i, Math.min(end, riffEnd)));
    i = end;
  }
  if (chunks.length === 0) return null;
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
