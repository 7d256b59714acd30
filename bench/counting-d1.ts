/** D1 work as D1 reports it in each result's `meta`. */
export interface D1Tally {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
}

export const emptyTally = (): D1Tally => ({ queries: 0, rowsRead: 0, rowsWritten: 0 });

type Inner = { inner: D1PreparedStatement };

/**
 * A D1 binding that adds up `meta.rows_read` / `rows_written` of every statement (batches included). `raw()`
 * carries no meta in D1, so it is answered from `all()` (same rows, same order of columns).
 */
export function countingD1(d1: D1Database, tally: D1Tally): D1Database {
  const add = (meta: { rows_read?: number; rows_written?: number } | undefined) => {
    tally.queries++;
    tally.rowsRead += meta?.rows_read ?? 0;
    tally.rowsWritten += meta?.rows_written ?? 0;
  };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = {
      inner: statement,
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      all: async () => {
        const result = await statement.all();
        add(result.meta);
        return result;
      },
      run: async () => {
        const result = await statement.run();
        add(result.meta);
        return result;
      },
      first: async (column?: string) => {
        const result = await statement.all<Record<string, unknown>>();
        add(result.meta);
        const row = result.results[0] ?? null;
        return column ? (row?.[column] ?? null) : row;
      },
      raw: async (options?: { columnNames?: boolean }) => {
        const result = await statement.all<Record<string, unknown>>();
        add(result.meta);
        const rows = result.results.map((row) => Object.values(row));
        return options?.columnNames ? [Object.keys(result.results[0] ?? {}), ...rows] : rows;
      },
    };
    return wrapped as unknown as D1PreparedStatement;
  };
  return {
    prepare: (query: string) => wrap(d1.prepare(query)),
    batch: async (statements: D1PreparedStatement[]) => {
      const results = await d1.batch(statements.map((s) => (s as unknown as Inner).inner));
      for (const result of results) add(result.meta);
      return results;
    },
    exec: (query: string) => d1.exec(query),
    dump: () => d1.dump(),
    withSession: () => {
      throw new Error("countingD1: sessions are not counted");
    },
  } as unknown as D1Database;
}
