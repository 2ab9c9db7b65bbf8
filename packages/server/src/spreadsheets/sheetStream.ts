import type { Readable, Writable } from 'node:stream';

/** A sheet's layout, known before its rows are: they are written as they are read. */
export interface SheetLayout {
  name: string;
  headings: string[];
  /** Column widths in characters, for XLSX. */
  widths?: number[];
}

/**
 * A spreadsheet written row by row to `output` (what is sent), so an export of any size holds only the rows not
 * yet taken by the reader. Call `drained()` between batches: it waits while the reader is behind.
 */
export interface SheetStream {
  readonly output: Readable;
  addRow(cells: string[]): void;
  /** Resolves once the reader has caught up, or has gone (`closed`). */
  drained(): Promise<void>;
  /** The reader went away (a download cancelled): stop writing. */
  readonly closed: boolean;
  /** Writes the file's end (for XLSX the workbook parts and the zip's directory). */
  finish(): Promise<void>;
  /** Ends the output with an error: the reader gets a broken file, never a short one that looks whole. */
  fail(error: Error): void;
}

/** Resolves when `stream` may take more without growing its buffer, or when it is gone. */
export async function writableDrained(stream: Writable): Promise<void> {
  // Lets waiting I/O run first (compression, the socket): SQLite answers synchronously, so a loop of queries
  // would otherwise never give it a turn and the whole file would pile up before the first byte is sent.
  await new Promise((resolve) => setImmediate(resolve));
  if (stream.destroyed || !stream.writableNeedDrain) return;
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
