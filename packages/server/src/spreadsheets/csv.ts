import { parse } from 'csv-parse/sync';
import { stringify as stringifier } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../http/appError.js';
import { type SheetLayout, type SheetStream, writableDrained } from './sheetStream.js';
import type { RawTable, ReadLimits, SheetToWrite } from './spreadsheet.js';
import { SPREADSHEET_LIMITS, tooManyRows } from './spreadsheet.js';

/**
 * Spreadsheet programs run a CSV cell that starts with one of these as a formula (CSV injection). On export
 * such a cell gets a leading apostrophe, which Excel shows as text; on import the apostrophe is taken off.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const guard = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** UTF-8 with a BOM and CRLF lines: what Excel on Chinese Windows opens without asking for an encoding. */
const CSV_OPTIONS = { bom: true, record_delimiter: 'windows' } as const;

export function writeCsv(sheet: SheetToWrite): Buffer {
  const text = stringify(
    [sheet.headings, ...sheet.rows].map((row) => row.map(guard)),
    CSV_OPTIONS,
  );
  return Buffer.from(text, 'utf8');
}

/** The same file as writeCsv, row by row. */
export function csvStream(layout: SheetLayout): SheetStream {
  const output = stringifier(CSV_OPTIONS);
  output.write(layout.headings.map(guard));
  return {
    output,
    addRow: (cells) => output.write(cells.map(guard)),
    drained: () => writableDrained(output),
    get closed() {
      return output.destroyed;
    },
    finish: () =>
      new Promise((resolve, reject) => {
        output.once('error', reject);
        output.end(resolve);
      }),
    fail: (error) => output.destroy(error),
  };
}

export function readCsv(data: Buffer, limits: ReadLimits): RawTable {
  const text = decode(data);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" export separates with tabs.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Records are spreadsheet rows (the headings, data, and some blank ones); stop well before memory matters.
      to: maxRecords(limits),
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError('VALIDATION_FAILED', `The CSV file cannot be read${line ? ` (near line ${line})` : ''}`, [
      { field: 'body.file', issue: 'is not a readable CSV file' },
    ]);
  }
  if (records.length >= maxRecords(limits)) throw tooManyRows(limits.maxRows);
  return records.map((cells, i) => ({ number: i + 1, cells: cells.map(cellText) }));
}

const maxRecords = (limits: ReadLimits) => limits.maxRows + 1 + 1000;

function cellText(cell: string): string {
  const text = cell.replace(/\r\n?/g, '\n').slice(0, SPREADSHEET_LIMITS.maxCellChars);
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise GB18030: what Excel on Chinese Windows
 * writes when it saves "CSV" in the system code page.
 */
function decode(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  // Old binary Excel (.xls) starts with the OLE2 signature.
  if (data.length >= 4 && data.readUInt32BE(0) === 0xd0cf11e0) throw notText('save .xls workbooks as .xlsx first');
  if (data.includes(0)) throw notText();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(data);
    } catch {
      throw notText();
    }
  }
}

const notText = (hint?: string) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', `Upload an XLSX workbook or a CSV file${hint ? `; ${hint}` : ''}`, [
    { field: 'body.file', issue: 'is neither XLSX nor CSV' },
  ]);
