import iconv from "iconv-lite";

/**
 * Turns fetched bytes into text. Charset priority: BOM, then the HTTP header, then the
 * XML declaration, then UTF-8. Mojibake (UTF-8 once misread as windows-1252) is repaired.
 */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string } = {}): string {
  const bom = sniffBom(bytes);
  if (bom) {
    return decodeWith(bytes.subarray(bom.length), bom.charset);
  }
  const fromHeader = charsetFromContentType(opts.contentType);
  const fromDeclaration = charsetFromXmlDeclaration(bytes);
  let charset = fromHeader ?? fromDeclaration ?? "utf-8";
  // With no charset named anywhere, bytes that are not UTF-8 are most likely the legacy
  // Cyrillic code page (this is a Russian-language news bot), not U+FFFD soup.
  if (!fromHeader && !fromDeclaration && !isValidUtf8(bytes)) charset = "windows-1251";
  // Servers often send a blanket `charset=utf-8` for files that are really in a legacy
  // charset; when the bytes prove the header wrong and the file names its own, trust the file.
  if (fromHeader && isUtf8(fromHeader) && fromDeclaration && !isUtf8(fromDeclaration)) {
    if (!isValidUtf8(bytes)) charset = fromDeclaration;
  }
  const text = decodeWith(bytes, charset);
  return looksLikeMojibake(text) ? repairMojibake(text) : text;
}

interface Bom {
  length: number;
  charset: string;
}

function sniffBom(bytes: Uint8Array): Bom | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { length: 3, charset: "utf-8" };
  if (a === 0xff && b === 0xfe) return { length: 2, charset: "utf-16le" };
  if (a === 0xfe && b === 0xff) return { length: 2, charset: "utf-16be" };
  return undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2] ? normalizeCharset(match[2]) : undefined;
}

function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII by definition, so a latin1 view of the head is enough.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString(
    "latin1",
  );
  const declaration = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return declaration?.[1] ? normalizeCharset(declaration[1]) : undefined;
}

function normalizeCharset(name: string): string {
  return name.trim().toLowerCase();
}

function isUtf8(charset: string): boolean {
  return charset === "utf-8" || charset === "utf8";
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  const name = iconv.encodingExists(charset) ? charset : "utf-8";
  // iconv would strip a BOM silently; we already removed ours, so keep any other U+FEFF intact.
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), name, {
    stripBOM: false,
  });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// windows-1252 puts printable characters in 0x80–0x9F where Latin-1 has C1 controls.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86,
  0x2021: 0x87, 0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c,
  0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95,
  0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The windows-1252 byte a character came from, or undefined when it cannot be one. */
function cp1252Byte(code: number): number | undefined {
  if (code >= 0x80 && code <= 0xff) return code;
  return CP1252_HIGH[code];
}

const CP1252_CHARS = "\\u0080-\\u00ff" + Object.keys(CP1252_HIGH)
  .map((code) => `\\u${Number(code).toString(16).padStart(4, "0")}`)
  .join("");
const RUN = new RegExp(`[${CP1252_CHARS}]+`, "g");
// A Cyrillic lead byte (D0/D1) misread as Ð/Ñ, followed by a continuation byte 0x80–0xBF.
const CYRILLIC_PAIR = new RegExp(`[\\u00d0\\u00d1][${CP1252_CHARS}]`, "g");

/** True when the text is dominated by UTF-8 Cyrillic read as windows-1252. */
export function looksLikeMojibake(text: string): boolean {
  let pairs = 0;
  for (const match of text.matchAll(CYRILLIC_PAIR)) {
    const next = match[0].charCodeAt(1);
    const byte = cp1252Byte(next);
    if (byte !== undefined && byte >= 0x80 && byte <= 0xbf) pairs++;
  }
  if (pairs < 3) return false;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) nonAscii++;
  // Each damaged Cyrillic letter costs two characters, so real mojibake sits near 100%.
  return (pairs * 2) / nonAscii >= 0.5;
}

/**
 * Undoes "UTF-8 decoded as windows-1252": every run of characters that windows-1252 can
 * encode is turned back into bytes and re-read as UTF-8. UTF-8 multibyte sequences never
 * contain ASCII, so runs split on ASCII lose nothing. Runs that are not valid UTF-8 stay.
 */
export function repairMojibake(text: string): string {
  if (!looksLikeMojibake(text)) return text;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const repaired = text.replace(RUN, (run) => {
    const bytes = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i++) {
      const byte = cp1252Byte(run.charCodeAt(i));
      if (byte === undefined) return run;
      bytes[i] = byte;
    }
    try {
      return decoder.decode(bytes);
    } catch {
      return run;
    }
  });
  return /[\u0400-\u04ff]/.test(repaired) ? repaired : text;
}
