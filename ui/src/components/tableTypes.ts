import type { ReactNode } from 'react';

/** One column of a Table or VirtualTable. */
export type Column<Row> = {
  id: string;
  header: string;
  /** A CSS width (`24%`, `120px`); columns without one share what is left. */
  width?: string;
  align?: 'start' | 'end';
  /** The property the backend sorts on; a column without one cannot be sorted. */
  sortKey?: string;
  render: (row: Row) => ReactNode;
};

/** The sort in force. */
export type Sort = { by: string; asc: boolean };

/** Attributes a row carries for styling and for the end-to-end tests. */
export type RowMeta = {
  testId?: string;
  id?: string | number;
  /** `danger` highlights the row (an overdue request). */
  tone?: 'danger';
};
