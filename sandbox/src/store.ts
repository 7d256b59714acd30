/**
 * The sandbox's state: named tables held in memory and written through to the Durable Object's storage
 * (one key per row), so `wrangler dev` keeps its data across restarts and evictions. Writes are not
 * awaited: the Durable Object's output gate holds the response until they are durable.
 */
export class Table<T> {
  readonly rows = new Map<string, T>();

  constructor(
    readonly name: string,
    private readonly storage: DurableObjectStorage | null,
  ) {}

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  put(id: string, row: T): T {
    this.rows.set(id, row);
    void this.storage?.put(`${this.name}/${id}`, row);
    return row;
  }

  delete(id: string): void {
    this.rows.delete(id);
    void this.storage?.delete(`${this.name}/${id}`);
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  find(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (predicate(row)) return row;
    return undefined;
  }

  filter(predicate: (row: T) => boolean): T[] {
    return this.all().filter(predicate);
  }

  get size(): number {
    return this.rows.size;
  }
}

export async function loadTables(storage: DurableObjectStorage, tables: Table<unknown>[]): Promise<boolean> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const stored = await storage.list<unknown>();
  for (const [key, value] of stored) {
    const slash = key.indexOf("/");
    byName.get(key.slice(0, slash))?.rows.set(key.slice(slash + 1), value);
  }
  return stored.size > 0;
}
