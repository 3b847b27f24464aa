// DuckDB-WASM through its blocking node bindings: read_csv (or read_parquet) + GROUP BY.
const path = require('node:path');
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');

module.exports = async function run(file) {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const instantiating = performance.now();
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const readySeconds = (performance.now() - instantiating) / 1000;
  await (await import('./settle.mjs')).settle();
  const started = performance.now();
  // A Parquet file is read by DuckDB's own Parquet reader.
  const parquet = file.endsWith('.parquet');
  const name = parquet ? 'feedback.parquet' : 'feedback.csv';
  db.registerFileURL(name, file, duckdb.DuckDBDataProtocol.NODE_FS, false);
  const conn = db.connect();
  const rows = conn.query(`
    SELECT applicativo AS value, count(*)::INTEGER AS n, avg(voto)::DOUBLE AS mean,
           list_value(count(*) FILTER (WHERE voto = 1), count(*) FILTER (WHERE voto = 2),
                      count(*) FILTER (WHERE voto = 3), count(*) FILTER (WHERE voto = 4),
                      count(*) FILTER (WHERE voto = 5))::INTEGER[] AS counts
    FROM ${parquet ? "read_parquet('feedback.parquet')" : "read_csv('feedback.csv', header = true)"} GROUP BY applicativo`).toArray();
  const groups = rows.map((r) => ({ value: r.value, n: r.n, mean: r.mean, counts: [...r.counts.toArray()] }));
  return { seconds: (performance.now() - started) / 1000, ready_seconds: readySeconds, groups };
};
