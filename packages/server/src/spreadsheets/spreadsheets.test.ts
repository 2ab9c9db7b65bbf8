import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/appError.js';
import { readSpreadsheet, writeSpreadsheet } from './spreadsheet.js';
import { ZIP_LIMITS } from './zipGuard.js';

const limits = { maxRows: 100 };
const createdAt = new Date('2025-03-01T08:00:00.000Z');

const sheet = {
  name: '快捷回复',
  headings: ['分类', '标题', '内容', '范围'],
  rows: [
    ['售后', '退款政策', '您好 {{contact.name}}，7 天无理由退货。\n运费由我们承担。', '全员'],
    ['', '=HYPERLINK("http://evil.example","点我")', '+86 400-800-8888', '个人'],
    ['公式', '-1', '@SUM(A1:A2)', '团队:售后'],
  ],
};

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** A ZIP archive built by hand, so a test can make an entry lie about its size. */
function zipOf(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressed = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('spreadsheets', () => {
  it('XLSX: writes and reads back the same text, with = as text and never as a formula', async () => {
    const file = await writeSpreadsheet('xlsx', sheet, createdAt);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const read = await readSpreadsheet(file, limits);
    expect(read.headings).toEqual(sheet.headings);
    expect(read.rows).toEqual(sheet.rows.map((cells, i) => ({ number: i + 2, cells })));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const cell = workbook.worksheets[0]?.getCell('B3');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.formula).toBeUndefined();
    expect(workbook.worksheets[0]?.name).toBe('快捷回复');
  });

  it('CSV: UTF-8 with BOM and CRLF, a guard apostrophe before formula starts, and the same text read back', async () => {
    const file = await writeSpreadsheet('csv', sheet, createdAt);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.subarray(3).toString('utf8');
    expect(text.startsWith('分类,标题,内容,范围\r\n')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain("'+86 400-800-8888");
    expect(text).toContain("'@SUM(A1:A2)");
    expect(text).toContain("'-1");
    const read = await readSpreadsheet(file, limits);
    expect(read.headings).toEqual(sheet.headings);
    expect(read.rows.map((row) => row.cells)).toEqual(sheet.rows);
  });

  it('CSV saved by Excel on Chinese Windows (GB18030, no BOM) reads as Chinese', async () => {
    // 分类,标题 / 售后,退款 in GB18030.
    const gb = Buffer.from([
      0xb7, 0xd6, 0xc0, 0xe0, 0x2c, 0xb1, 0xea, 0xcc, 0xe2, 0x0d, 0x0a, 0xca, 0xdb, 0xba, 0xf3, 0x2c, 0xcd, 0xcb, 0xbf,
      0xee, 0x0d, 0x0a,
    ]);
    const read = await readSpreadsheet(gb, limits);
    expect(read.headings).toEqual(['分类', '标题']);
    expect(read.rows).toEqual([{ number: 2, cells: ['售后', '退款'] }]);
  });

  it("Excel's Unicode text (UTF-16 with BOM, tab-separated) reads too", async () => {
    const text = '分类\t标题\r\n售后\t退款, 换货\r\n';
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const read = await readSpreadsheet(file, limits);
    expect(read.rows[0]?.cells).toEqual(['售后', '退款, 换货']);
  });

  it('skips blank rows but keeps the row numbers a person sees in Excel', async () => {
    const csv = Buffer.from('标题,内容\n\n"多行\n内容",x\n,\n最后,y\n');
    const read = await readSpreadsheet(csv, limits);
    expect(read.rows).toEqual([
      { number: 3, cells: ['多行\n内容', 'x'] },
      { number: 5, cells: ['最后', 'y'] },
    ]);
  });

  it('reads what a person typed into Excel: rich text, links, formula results, numbers and dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Sheet1');
    ws.addRow(['a', 'b', 'c', 'd', 'e']);
    ws.addRow([
      { richText: [{ text: '退款' }, { text: '政策', font: { bold: true } }] },
      { text: '官网', hyperlink: 'https://example.com' },
      { formula: '1+1', result: 2 },
      12.5,
      new Date(Date.UTC(2025, 0, 31)),
    ]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await readSpreadsheet(file, limits);
    expect(read.rows[0]?.cells).toEqual(['退款政策', '官网', '2', '12.5', '2025-01-31']);
  });

  it('refuses more rows than allowed, an empty file, and a file without headings', async () => {
    const many = Buffer.from(['标题', ...Array.from({ length: 101 }, (_, i) => `第${i}条`)].join('\n'));
    expect((await errorOf(readSpreadsheet(many, limits))).code).toBe('VALIDATION_FAILED');
    const xlsx = await writeSpreadsheet(
      'xlsx',
      { name: 's', headings: ['标题'], rows: Array.from({ length: 101 }, (_, i) => [`第${i}条`]) },
      createdAt,
    );
    expect((await errorOf(readSpreadsheet(xlsx, limits))).message).toContain('at most 100 rows');
    expect((await errorOf(readSpreadsheet(Buffer.alloc(0), limits))).code).toBe('VALIDATION_FAILED');
    const noHeadings = await errorOf(readSpreadsheet(Buffer.from('\n标题\n'), limits));
    expect(noHeadings.message).toContain('headings');
  });

  it('refuses binary files and old .xls workbooks as an unsupported type', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const error = await errorOf(readSpreadsheet(xls, limits));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toContain('.xlsx');
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff]);
    expect((await errorOf(readSpreadsheet(binary, limits))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a ZIP bomb before inflating it: a lying entry, or a declared total over the limit', async () => {
    const lying = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 100 }]);
    expect(lying.length).toBeLessThan(20_000);
    expect((await errorOf(readSpreadsheet(lying, limits))).code).toBe('PAYLOAD_TOO_LARGE');

    const declaredHuge = zipOf([
      { name: 'a.xml', data: Buffer.from('x'), declaredSize: ZIP_LIMITS.maxInflatedBytes },
      { name: 'b.xml', data: Buffer.from('y'), declaredSize: 1 },
    ]);
    expect((await errorOf(readSpreadsheet(declaredHuge, limits))).code).toBe('PAYLOAD_TOO_LARGE');

    const notAWorkbook = zipOf([{ name: 'hello.txt', data: Buffer.from('你好') }]);
    const error = await errorOf(readSpreadsheet(notAWorkbook, limits));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'body.file', issue: expect.stringContaining('XLSX') }]);
  });
});
