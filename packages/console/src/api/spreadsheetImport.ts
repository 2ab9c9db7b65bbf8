import { ApiError } from './client';

/** One problem of a refused spreadsheet import; knowledge and quick replies report them in this shape. */
export interface ImportRowError {
  /** The row number as Excel shows it (the headings are row 1). */
  row: number;
  column: string | null;
  issue: string;
  value: string | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  categoriesCreated: number;
}

/** The per-row report of a refused import, when the error carries one. */
export function importRowErrors<E extends ImportRowError>(error: unknown): E[] {
  if (!(error instanceof ApiError) || Array.isArray(error.details)) return [];
  const rows = error.details.rowErrors;
  return Array.isArray(rows) ? (rows as E[]) : [];
}
