import type { SpreadsheetFormat } from '@kefu/shared';
import { AppError } from '../http/appError.js';
import { csvStream, readCsv, writeCsv } from './csv.js';
import type { SheetLayout, SheetStream } from './sheetStream.js';
import { readXlsx, writeXlsx, xlsxStream } from './xlsx.js';
import { isZip } from './zipGuard.js';

/**
 * One sheet as plain text: import and export of quick replies, tickets and knowledge articles all go through
 * this, so every one of them reads XLSX and CSV the same way (encodings, formula guards, size limits).
 */
export interface SheetRow {
  /** The row number a person sees in Excel: the headings are row 1. */
  number: number;
  cells: string[];
}

export interface Sheet {
  headings: string[];
  /** Rows with at least one non-blank cell; blank rows are skipped but keep their numbers counted. */
  rows: SheetRow[];
}

export interface ReadLimits {
  /** Data rows (not counting the headings). */
  maxRows: number;
}

export const SPREADSHEET_LIMITS = {
  /** Largest spreadsheet upload. */
  maxBytes: 5 * 1024 * 1024,
  maxColumns: 50,
  /** Characters in one cell; longer text is refused by the row checks of each importer anyway. */
  maxCellChars: 32_767,
} as const;

export const tooManyRows = (maxRows: number) =>
  new AppError('VALIDATION_FAILED', `A spreadsheet may hold at most ${maxRows} rows`, [
    { field: 'body.file', issue: `has more than ${maxRows} rows` },
  ]);

/** Reads the first sheet of an XLSX workbook, or a CSV file; which one is decided by the content, not the name. */
export async function readSpreadsheet(data: Buffer, limits: ReadLimits): Promise<Sheet> {
  if (data.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The file is empty', [{ field: 'body.file', issue: 'is empty' }]);
  }
  if (data.length > SPREADSHEET_LIMITS.maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Spreadsheets may be at most ${SPREADSHEET_LIMITS.maxBytes / 1024 / 1024} MB`,
    );
  }
  const table = isZip(data) ? await readXlsx(data, limits) : readCsv(data, limits);
  return toSheet(table, limits);
}

/** Raw rows as read, with their row numbers; the first is the headings. */
export type RawTable = SheetRow[];

function toSheet(table: RawTable, limits: ReadLimits): Sheet {
  const [first, ...rest] = table;
  if (first?.number !== 1 || first.cells.every((cell) => cell.trim() === '')) {
    throw new AppError('VALIDATION_FAILED', 'The first row must hold the column headings', [
      { field: 'body.file', issue: 'has no headings in row 1' },
    ]);
  }
  const rows = rest.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (rows.length > limits.maxRows) throw tooManyRows(limits.maxRows);
  for (const row of table) {
    if (row.cells.length > SPREADSHEET_LIMITS.maxColumns) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Row ${row.number} has more than ${SPREADSHEET_LIMITS.maxColumns} columns`,
        [{ field: 'body.file', issue: `has more than ${SPREADSHEET_LIMITS.maxColumns} columns` }],
      );
    }
  }
  return { headings: first.cells.map((cell) => cell.trim()), rows };
}

export interface SheetToWrite {
  name: string;
  headings: string[];
  rows: string[][];
  /** Column widths in characters, for XLSX. */
  widths?: number[];
}

export function writeSpreadsheet(format: SpreadsheetFormat, sheet: SheetToWrite, createdAt: Date): Promise<Buffer> {
  return format === 'xlsx' ? writeXlsx(sheet, createdAt) : Promise.resolve(writeCsv(sheet));
}

/** A spreadsheet whose rows are written as they come (exports of any size); see SheetStream. */
export function openSheetStream(format: SpreadsheetFormat, layout: SheetLayout, createdAt: Date): SheetStream {
  return format === 'xlsx' ? xlsxStream(layout, createdAt) : csvStream(layout);
}

export const SPREADSHEET_CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** `attachment` with the UTF-8 file name, for a download. */
export function spreadsheetDisposition(baseName: string, format: SpreadsheetFormat): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(`${baseName}.${format}`)}`;
}
