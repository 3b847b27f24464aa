// ClickHouse, embedded (npm chdb): the reduction queries of the four report
// kinds, in the clickhouse dialect, run on the demos held as Parquet (typed
// by DuckDB, as an export would be); the cells read back through the WASM
// core give the microdata's reports (1e-9 relative), what cells cannot
// carry left out and named. Not in the default CI: chdb is a 540 MB
// download. Run by scripts/chdb-cells, which installs it apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze, open } from '../../web/api.js';
import { demoSurvey } from '../../scripts/gen-demo.mjs';
import { writeFeedbackDemo } from '../../scripts/gen-feedback.mjs';
import { mediaDemo } from '../../scripts/gen-media.mjs';
import { volumesDemo } from '../../scripts/gen-volumes.mjs';
import { assertSame, comparedNumbers } from '../js/report-compare.mjs';

// chdb lives where scripts/chdb-cells installed it (CHDB_DIR, its npm prefix).
const chdb = createRequire(resolve(process.env.CHDB_DIR ?? 'build/chdb', 'package.json'))('chdb');

const dir = mkdtempSync(join(tmpdir(), 'ascolto-chdb-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const duck = await (await DuckDBInstance.create(':memory:')).connect();

const raking = { survey: { raking: { margins: {
  genere: { Uomo: 0.48, Donna: 0.52 },
  classe_eta: { '18-34': 0.25, '35-44': 0.2, '45-59': 0.25, '60+': 0.3 },
} } } };

await writeFeedbackDemo(dir);
const demos = {
  feedback: { file: 'feedback-demo.csv', text: readFileSync(join(dir, 'feedback-demo.csv'), 'utf8'), read: '' },
  survey: { file: 'indagine-demo.csv', text: demoSurvey(), read: ", delim = ';', decimal_separator = ','" },
  volumes: { file: 'volumi-demo.csv', text: volumesDemo(), read: ", delim = ';'" },
  media: { file: 'rassegna-demo.csv', text: mediaDemo(), read: ", delim = ';', dateformat = '%d/%m/%Y', quote = '\"'" },
};

// What each kind's report cannot carry from cells (named in "aggregated").
function strip(kind, section) {
  const out = structuredClone(section);
  if (kind === 'feedback') {
    delete out.text;
    out.columns.comment = null;
  } else if (kind === 'survey') {
    delete out.free_text;
    for (const k of ['column', 'weight_min', 'weight_max']) delete out.weighting[k];
  } else if (kind === 'media') {
    for (const a of out.alerts) delete a.items;
    delete out.columns.title;
    // The wires, left unrated by the vendor, are scored from their titles
    // on microdata only: the sentiment figures are compared on rated data.
    for (const k of ['negative', 'sentiment_sources', 'sentiment_note', 'alerts', 'alert_rule']) delete out[k];
    for (const w of out.weeks) delete w.negative_share;
  }
  return out;
}

for (const [kind, demo] of Object.entries(demos)) {
  for (const config of kind === 'survey' ? [undefined, raking] : [undefined]) {
    test(`ClickHouse (chDB): the ${kind} cells${config ? ', raked,' : ''} give the microdata's report`, async () => {
      const csv = join(dir, demo.file);
      const parquet = join(dir, `${kind}.parquet`);
      writeFileSync(csv, demo.text);
      await duck.run(`COPY (SELECT * FROM read_csv('${csv}', header = true${demo.read})) TO '${parquet}' (FORMAT parquet)`);
      const sample = { name: demo.file, bytes: Buffer.from(demo.text) };
      const session = await open(sample, config ?? {});
      let query;
      try {
        [query] = (await session.query({ sql: { kind, dialect: 'clickhouse', table: `file('${parquet}', Parquet)` } })).sql;
      } finally {
        session.close();
      }
      assert.ok(query.query, JSON.stringify(query.error));
      const cellsCsv = chdb.query(query.query.replace(/;\s*$/, ''), 'CSVWithNames');
      assert.ok(cellsCsv.length > 0, 'chDB returned the cells');
      writeFileSync(join(dir, `${kind}-cells.csv`), cellsCsv);
      const microdata = (await analyze(sample, config ?? {})).datasets[0];
      const cells = (await analyze({ name: `${kind}-cells.csv`, bytes: Buffer.from(cellsCsv) }, config ?? {})).datasets[0];
      assert.equal(cells.error, undefined, JSON.stringify(cells.error));
      assert.equal(cells.kind.value, kind);
      assert.equal(cells.aggregated.records, microdata.rows.used);
      const before = comparedNumbers();
      assertSame(strip(kind, cells[kind]), strip(kind, microdata[kind]), `clickhouse ${kind}`);
      assert.ok(comparedNumbers() - before > 100, `${comparedNumbers() - before} numbers compared`);
    });
  }
}
