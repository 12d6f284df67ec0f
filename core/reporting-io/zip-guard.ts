// Checks an uploaded .xlsx as a zip container BEFORE any spreadsheet parser sees it: that it
// is a zip at all (and an xlsx, not an .xls or a renamed CSV), and that it cannot expand into
// something huge (a zip bomb). The central directory's declared sizes are checked first; then
// every entry is inflated with a hard output cap, so a directory that lies about its sizes is
// caught too. Only node:zlib is used, on the buffer in memory.
import zlib from 'node:zlib';
import { ImportProblem } from './problems';

export interface ZipLimits {
  /** Sum of the entries' uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Largest allowed uncompressed ÷ compressed ratio for an entry above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 1000,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const notXlsx = (why: string) =>
  new ImportProblem('XLSX_INVALID', `上传的文件不是有效的 Excel（.xlsx）文件：${why}`);
const tooBig = (why: string) =>
  new ImportProblem('XLSX_TOO_LARGE_UNCOMPRESSED', `文件解压后过大，已拒绝处理：${why}`);

/** Reads the central directory; throws ImportProblem for anything that is not a sound zip. */
export function readZipDirectory(file: Buffer): ZipEntry[] {
  if (file.subarray(0, 8).equals(OLE_MAGIC))
    throw notXlsx('这是旧版 Excel 97-2003（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传');
  if (file.length < 22 || file.readUInt32LE(0) !== LOCAL_SIGNATURE)
    throw notXlsx('文件内容不是 xlsx 格式（可能是改了扩展名的其他文件）');
  const eocd = findEndOfCentralDirectory(file);
  const count = file.readUInt16LE(eocd + 10);
  const directorySize = file.readUInt32LE(eocd + 12);
  const directoryOffset = file.readUInt32LE(eocd + 16);
  if (directoryOffset === ZIP64_MARKER || count === 0xffff)
    throw tooBig('不支持 ZIP64 格式的大文件');
  if (directoryOffset + directorySize > eocd) throw notXlsx('文件已损坏（目录位置不正确）');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw notXlsx('文件已损坏（目录条目不完整）');
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      uncompressedSize: file.readUInt32LE(at + 24),
      name: file.toString('utf8', at + 46, at + 46 + nameLength),
      localHeaderOffset: file.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === ZIP64_MARKER || entry.uncompressedSize === ZIP64_MARKER)
      throw tooBig('不支持 ZIP64 格式的大文件');
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(file: Buffer): number {
  const earliest = Math.max(0, file.length - 22 - 0xffff);
  for (let at = file.length - 22; at >= earliest; at--) {
    if (file.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw notXlsx('文件不完整或已损坏（找不到压缩包目录）');
}

/** Declared sizes: total, per-entry ratio, entry count. */
export function checkDeclaredSizes(entries: ZipEntry[], limits: ZipLimits): void {
  if (entries.length > limits.maxEntries)
    throw tooBig(`压缩包内文件数 ${entries.length} 超过上限 ${limits.maxEntries}`);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio)
      throw tooBig(`“${entry.name}”压缩比 ${Math.round(ratio)}:1 异常（疑似压缩炸弹）`);
  }
  if (total > limits.maxUncompressedBytes)
    throw tooBig(
      `解压后共 ${formatMegabytes(total)}，超过上限 ${formatMegabytes(limits.maxUncompressedBytes)}`,
    );
}

/** The parts every workbook has; their absence means the zip is something else. */
export function checkWorkbookParts(entries: ZipEntry[]): void {
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml'))
    throw notXlsx('压缩包中没有 Excel 工作簿（可能是 Word、WPS 或其他压缩文件）');
}

/** Inflates each entry with an output cap of its declared size: a lying directory fails here. */
export function checkActualSizes(file: Buffer, entries: ZipEntry[]): void {
  for (const entry of entries) {
    const data = entryData(file, entry);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize)
        throw notXlsx(`“${entry.name}”大小与目录不符`);
      continue;
    }
    if (entry.method !== 8) throw notXlsx(`“${entry.name}”使用了不支持的压缩方式`);
    let inflated: Buffer;
    try {
      inflated = zlib.inflateRawSync(data, {
        maxOutputLength: Math.max(1, entry.uncompressedSize),
      });
    } catch {
      throw tooBig(`“${entry.name}”解压后大于其声明的大小（疑似压缩炸弹）或数据已损坏`);
    }
    if (inflated.length !== entry.uncompressedSize)
      throw notXlsx(`“${entry.name}”解压后大小与目录不符，文件已损坏`);
  }
}

function entryData(file: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL_SIGNATURE)
    throw notXlsx(`“${entry.name}”的数据位置不正确，文件已损坏`);
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > file.length) throw notXlsx(`“${entry.name}”数据不完整，文件已损坏`);
  return file.subarray(start, end);
}

/** Every check, in order; returns the entries for callers that want them. */
export function guardXlsx(file: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = readZipDirectory(file);
  checkDeclaredSizes(entries, limits);
  checkWorkbookParts(entries);
  checkActualSizes(file, entries);
  return entries;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
