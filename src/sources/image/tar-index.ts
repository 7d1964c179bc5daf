/**
 * Random access into an uncompressed tar file (an OCI or docker archive) without
 * unpacking it: one pass over the 512-byte headers records where each member's
 * data starts, then members are read or streamed straight from the file. Handles
 * ustar prefixes, GNU long names and pax `path`/`linkpath`/`size` records.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { posix } from 'node:path';

export interface TarMember {
  name: string;
  offset: number;
  size: number;
  /** Tar type flag: `0` file, `2` symlink, `1` hardlink, `5` directory… */
  type: string;
  linkname: string;
}

const MAX_MEMBERS = 100_000;
const MAX_META = 1 << 20;

export class TarIndex {
  private constructor(
    readonly file: string,
    private readonly members: Map<string, TarMember>,
  ) {}

  /** Reads the headers of `file`. Throws a plain message when it is not a tar archive. */
  static async open(file: string): Promise<TarIndex> {
    const fh = await open(file, 'r');
    const members = new Map<string, TarMember>();
    try {
      const { size: fileSize } = await fh.stat();
      const header = Buffer.alloc(512);
      let pos = 0;
      let longName: string | undefined;
      let longLink: string | undefined;
      let pax: Record<string, string> = {};
      while (pos + 512 <= fileSize) {
        await fh.read(header, 0, 512, pos);
        if (header.every((b) => b === 0)) break;
        if (!checksumOk(header)) throw new Error(`${file} is not a tar archive (bad header checksum at byte ${pos})`);
        const type = String.fromCharCode(header[156] || 48);
        const size = paxSize(pax) ?? parseNumber(header.subarray(124, 136));
        const dataAt = pos + 512;
        if (dataAt + size > fileSize) throw new Error(`${file} is truncated: member at byte ${pos} runs past the end`);
        if (type === 'L' || type === 'K' || type === 'x') {
          if (size > MAX_META) throw new Error(`${file}: tar metadata record of ${size} bytes is too large`);
          const buf = Buffer.alloc(size);
          await fh.read(buf, 0, size, dataAt);
          if (type === 'L') longName = cString(buf);
          else if (type === 'K') longLink = cString(buf);
          else pax = parsePax(buf);
        } else if (type !== 'g') {
          const prefix = cString(header.subarray(345, 500));
          const short = cString(header.subarray(0, 100));
          const name = pax['path'] ?? longName ?? (prefix ? `${prefix}/${short}` : short);
          const linkname = pax['linkpath'] ?? longLink ?? cString(header.subarray(157, 257));
          members.set(clean(name), { name: clean(name), offset: dataAt, size, type, linkname });
          if (members.size > MAX_MEMBERS) throw new Error(`${file} has more than ${MAX_MEMBERS} members`);
          longName = longLink = undefined;
          pax = {};
        }
        pos = dataAt + Math.ceil(size / 512) * 512;
      }
    } finally {
      await fh.close();
    }
    return new TarIndex(file, members);
  }

  /** The member at `name`, symlinks inside the archive followed (docker archives link layer.tar files). */
  find(name: string): TarMember | undefined {
    let m = this.members.get(clean(name));
    for (let hops = 0; m && m.type === '2' && hops < 8; hops++) {
      m = this.members.get(clean(posix.join(posix.dirname(m.name), m.linkname)));
    }
    return m && (m.type === '0' || m.type === '\0' || m.type === '7') ? m : undefined;
  }

  async read(name: string, maxBytes: number): Promise<Buffer> {
    const m = this.need(name);
    if (m.size > maxBytes) throw new Error(`${name} in ${this.file} is ${m.size} bytes, more than the ${maxBytes} allowed`);
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.alloc(m.size);
      await fh.read(buf, 0, m.size, m.offset);
      return buf;
    } finally {
      await fh.close();
    }
  }

  stream(name: string): Readable {
    const m = this.need(name);
    if (m.size === 0) return createReadStream(this.file, { start: 1, end: 0 });
    return createReadStream(this.file, { start: m.offset, end: m.offset + m.size - 1, highWaterMark: 1 << 20 });
  }

  private need(name: string): TarMember {
    const m = this.find(name);
    if (!m) throw new Error(`${name} is missing from ${this.file}`);
    return m;
  }
}

function clean(name: string): string {
  return posix.normalize(name).replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

function cString(buf: Buffer): string {
  const end = buf.indexOf(0);
  return buf.toString('utf8', 0, end === -1 ? buf.length : end);
}

/** Octal, or base-256 when the high bit of the first byte is set (GNU large sizes). */
function parseNumber(field: Buffer): number {
  if (field[0]! & 0x80) {
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]!;
    return n;
  }
  const text = cString(field).trim();
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === parseNumber(header.subarray(148, 156));
}

function parsePax(buf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < buf.length) {
    const space = buf.indexOf(32, pos);
    if (space === -1) break;
    const len = parseInt(buf.toString('ascii', pos, space), 10);
    if (!(len > 0)) break;
    const record = buf.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

function paxSize(pax: Record<string, string>): number | undefined {
  const s = pax['size'];
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
}
