import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../http/appError.js';
import { type SheetLayout, type SheetStream, writableDrained } from './sheetStream.js';
import type { RawTable, ReadLimits, SheetToWrite } from './spreadsheet.js';
import { SPREADSHEET_LIMITS, tooManyRows } from './spreadsheet.js';
import { assertSafeZip } from './zipGuard.js';

/** Reads the first worksheet; every cell becomes the text a person sees in it. */
export async function readXlsx(data: Buffer, limits: ReadLimits): Promise<RawTable> {
  assertSafeZip(data);
  const workbook = new ExcelJS.Workbook();
  const unreadable = new AppError('VALIDATION_FAILED', 'The file is not a readable XLSX workbook', [
    { field: 'body.file', issue: 'is not a readable XLSX workbook' },
  ]);
  try {
    // exceljs's own Buffer type predates Node's generic Buffer; the bytes are the same.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable;
  // The headings row plus the data rows; blank rows in between do not count.
  if (sheet.actualRowCount > limits.maxRows + 1) throw tooManyRows(limits.maxRows);
  const table: RawTable = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    table.push({ number, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return table;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return normalizeNewlines(value).slice(0, SPREADSHEET_LIMITS.maxCellChars);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return cellText(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && 'error' in result) ? '' : cellText(result);
  }
  return '';
}

/** Excel keeps dates without a zone; exceljs reads them as UTC. A date alone reads 2025-01-31. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

const normalizeNewlines = (text: string) => text.replace(/\r\n?/g, '\n');

/** The frozen, bold headings row and the columns' widths, the same for a whole workbook and a streamed one. */
function layOut(worksheet: ExcelJS.Worksheet, layout: SheetLayout): void {
  worksheet.columns = layout.headings.map((heading, i) => ({
    header: heading,
    width: layout.widths?.[i] ?? 20,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));
  worksheet.getRow(1).font = { bold: true };
}

function describe(workbook: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter, createdAt: Date): void {
  workbook.creator = 'Kefu';
  workbook.created = createdAt;
  workbook.modified = createdAt;
}

export async function writeXlsx(sheet: SheetToWrite, createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  describe(workbook, createdAt);
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  layOut(worksheet, sheet);
  // Strings go in as strings: a cell starting with = is text in XLSX, never a formula.
  for (const row of sheet.rows) worksheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The same workbook written as it goes: each row is committed (turned into XML and compressed) when added, so
 * memory holds a batch, not the file. Strings are written inline (no shared-strings table, which would keep
 * every distinct text until the end).
 */
export function xlsxStream(layout: SheetLayout, createdAt: Date): SheetStream {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  describe(workbook, createdAt);
  const worksheet = workbook.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  layOut(worksheet, layout);
  worksheet.getRow(1).commit();
  return {
    output,
    addRow: (cells) => worksheet.addRow(cells).commit(),
    drained: () => writableDrained(output),
    get closed() {
      return output.destroyed;
    },
    finish: async () => {
      worksheet.commit();
      await workbook.commit();
    },
    fail: (error) => output.destroy(error),
  };
}
