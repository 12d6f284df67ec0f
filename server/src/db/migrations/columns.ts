// Column types that differ between the two engines. Migrations use these and nothing else
// dialect-specific, so one set of migrations serves SQLite and PostgreSQL.
import type { ColumnDataType, CreateTableBuilder, Expression } from 'kysely';
import type { DialectName } from '../database';

type DataType = ColumnDataType | Expression<unknown>;

export interface Columns {
  timestamp: DataType;
  /** Raw bytes (evidence files, generated documents). */
  blob: DataType;
  /** Adds an auto-numbered integer primary key called `id`. */
  id<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
}

export function columnsFor(dialect: DialectName): Columns {
  if (dialect === 'postgres') {
    return {
      timestamp: 'timestamptz',
      blob: 'bytea',
      id: (table) => table.addColumn('id', 'serial', (c) => c.primaryKey()),
    };
  }
  return {
    timestamp: 'text',
    blob: 'blob',
    id: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  };
}
