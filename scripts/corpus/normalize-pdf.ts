/**
 * Pin the run-dependent bytes of a producer's PDF, so that regenerating the corpus shows only real
 * changes: info-dictionary dates, XMP dates and UUIDs, and the trailer /ID. Every replacement keeps
 * the byte length, so xref offsets stay valid and the file is otherwise exactly what the producer
 * wrote (its structure is the point of the corpus). Compressed streams are not touched: a date
 * inside one would survive (none of the producers used here puts one there).
 */
import { createHash } from 'node:crypto';

const FIXED_DATE = 'D:20250101000000';
const FIXED_ISO = '2025-01-01T00:00:00';

function sameLength(original: string, replacement: string): string {
  return replacement.length >= original.length
    ? replacement.slice(0, original.length)
    : replacement + original.slice(replacement.length);
}

export function normalizePdf(pdf: Buffer): Buffer {
  let s = pdf.toString('latin1');
  // /CreationDate (D:20261126123222+00'00') and /ModDate, in the info dictionary (and XMP-less producers).
  s = s.replace(
    /(\/(?:CreationDate|ModDate)\s*\()(D:\d{4,14})/g,
    (_, pre: string, d: string) => pre + sameLength(d, FIXED_DATE),
  );
  // XMP packets are uncompressed by convention: dates and document/instance UUIDs.
  s = s.replace(
    /(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/g,
    (_, pre: string, d: string) => pre + sameLength(d, FIXED_ISO),
  );
  s = s.replace(
    /(xmp:(?:CreateDate|ModifyDate|MetadataDate)=")(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/g,
    (_, pre: string, d: string) => pre + sameLength(d, FIXED_ISO),
  );
  let n = 0;
  s = s.replace(/(uuid:)([0-9a-fA-F-]{36})/g, (_, pre: string, u: string) => {
    const h = createHash('sha256').update(`uuid${n++}`).digest('hex');
    return pre + u.replace(/[0-9a-fA-F]/g, (_c, i: number) => h[i % h.length]!);
  });
  // LibreOffice's /DocChecksum (an MD5 over the unpinned content) goes with the /ID below.
  s = s.replace(/(\/DocChecksum\s*\/)([0-9A-Fa-f]{32})/g, (_, pre: string) => pre + '0'.repeat(32));
  // The trailer /ID: two hex strings; replace with a hash of the rest of the (now pinned) file.
  const idRe = /\/ID\s*\[\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\]/g;
  const digest = createHash('sha256').update(s.replace(idRe, '/ID[]')).digest('hex');
  s = s.replace(idRe, (m: string, a: string, b: string) => {
    const fill = (x: string, salt: string) =>
      createHash('sha256')
        .update(digest + salt)
        .digest('hex')
        .repeat(4)
        .slice(0, x.length)
        .toUpperCase();
    return m.replace(a, fill(a, 'a')).replace(b, fill(b, b === a ? 'a' : 'b'));
  });
  return Buffer.from(s, 'latin1');
}
