import { inflateRawSync } from 'node:zlib';
import { AppError } from '../http/appError.js';

/**
 * An XLSX file is a ZIP archive, and a few KB of ZIP can inflate to gigabytes. The XLSX library inflates
 * every entry in memory and checks sizes only afterwards, so the archive is checked first: few entries, a
 * bounded declared total, and each entry inflating to no more than it declares.
 */
export const ZIP_LIMITS = {
  maxEntries: 2000,
  maxInflatedBytes: 64 * 1024 * 1024,
} as const;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL_SIGNATURE;
}

const unreadable = (issue: string) =>
  new AppError('VALIDATION_FAILED', `The XLSX file cannot be read: ${issue}`, [
    { field: 'body.file', issue: `is not a readable XLSX file (${issue})` },
  ]);

const tooLarge = () =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The XLSX file unpacks to more than ${ZIP_LIMITS.maxInflatedBytes / 1024 / 1024} MB; split it into smaller files`,
  );

interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export function assertSafeZip(data: Buffer): void {
  const entries = centralDirectory(data);
  if (entries.length > ZIP_LIMITS.maxEntries) throw unreadable('too many entries');
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > ZIP_LIMITS.maxInflatedBytes) throw tooLarge();
  for (const entry of entries) checkEntry(data, entry);
}

function centralDirectory(data: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(data);
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw unreadable('broken central directory');
    }
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    // ZIP64 marks sizes and offsets it moved elsewhere with all ones; no spreadsheet of ours needs it.
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw tooLarge();
    entries.push({
      method: data.readUInt16LE(offset + 10),
      compressedSize,
      size,
      localHeaderOffset: data.readUInt32LE(offset + 42),
    });
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return entries;
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= earliest; at -= 1) {
    if (data.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw unreadable('no end of central directory');
}

function checkEntry(data: Buffer, entry: ZipEntry): void {
  const at = entry.localHeaderOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL_SIGNATURE) throw unreadable('broken entry');
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw unreadable('truncated entry');
  if (entry.method === STORED) {
    if (entry.compressedSize !== entry.size) throw unreadable('inconsistent entry sizes');
    return;
  }
  if (entry.method !== DEFLATED) throw unreadable('unsupported compression');
  let inflated: Buffer;
  try {
    // One byte over the declared size is enough to prove a lie without inflating the rest.
    inflated = inflateRawSync(data.subarray(start, end), { maxOutputLength: entry.size + 1 });
  } catch (error) {
    if (error instanceof RangeError) throw tooLarge();
    throw unreadable('corrupt entry');
  }
  if (inflated.length !== entry.size) throw unreadable('inconsistent entry sizes');
}
