/**
 * The type of an upload is decided by its first bytes, never by the name or the declared type.
 * SVG and HTML are refused outright: either could carry script.
 */
export interface SniffedType {
  contentType: string;
  isImage: boolean;
}

const startsWith = (data: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);

export function sniffContentType(data: Buffer): SniffedType | null {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', isImage: true };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', isImage: true };
  if (startsWith(data, [0x47, 0x49, 0x46, 0x38])) return { contentType: 'image/gif', isImage: true };
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { contentType: 'image/webp', isImage: true };
  }
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { contentType: 'application/pdf', isImage: false };
  // ZIP containers: .zip, and Office files (.docx, .xlsx, .pptx).
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return { contentType: 'application/zip', isImage: false };
  if (isPlainText(data)) return { contentType: 'text/plain; charset=utf-8', isImage: false };
  return null;
}

function isPlainText(data: Buffer): boolean {
  if (data.length === 0 || data.includes(0)) return false;
  const head = data.subarray(0, 4096);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if (text.includes('\uFFFD') && data.length <= 4096) return false;
  return !/^\s*<(?:!doctype|html|svg|\?xml|script)/i.test(text);
}
