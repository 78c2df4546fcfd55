import { ColumnTable } from 'arquero';
import { tableBundle } from './table.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Makes arquero tables print as an aligned text table (first 10 rows) wherever Node inspects them: a notebook
 * cell whose last expression is a table (tslab shows values with `util.inspect`), `console.log(t)`, the REPL.
 * Without it they print arquero's internals (`_names`, `_data`, ...). Idempotent; `isgrad/notebook` calls it when
 * imported. Use `table(t)` for the HTML rendering.
 *
 * @example
 * installTableInspect();
 * console.log(aq.table({ a: [1, 2] })); // a\n-\n1\n2\n(2 rows)
 */
export function installTableInspect(): void {
  if (Object.hasOwn(ColumnTable.prototype, INSPECT)) return;
  Object.defineProperty(ColumnTable.prototype, INSPECT, {
    value: function inspectTable(this: ColumnTable): string {
      return tableBundle(this, { limit: 10 })['text/plain'] as string;
    },
    configurable: true,
    writable: true,
  });
}
