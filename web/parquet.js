// Parquet files (what Spark, DuckDB and BigQuery export) read by hyparquet
// (npm, MIT, no dependencies) and handed to the core as CSV text written
// here, one row group at a time: numbers with "." and never a thousands
// mark, dates as ISO text, so that the core reads every value as typed
// (PARQUET_READING tells it how the text was written; nothing is guessed).
// Snappy, the codec those engines write by default, is built into
// hyparquet; a file compressed otherwise is refused with a clear message.
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';

/** How the CSV text is written: the core's reading options for the dataset. */
export const PARQUET_READING = JSON.stringify({
  delimiter: ',', decimal: '.', encoding: 'utf-8', header: true, source_format: 'parquet',
});

/** Whether the first bytes are a Parquet file's ("PAR1"). */
export function isParquet(head) {
  return head?.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

const SUPPORTED_CODECS = new Set(['UNCOMPRESSED', 'SNAPPY']);

/** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvText(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/**
 * A value as the core reads it: numbers as JS writes them ("1.25", never
 * "1,25"), DATE columns as "2023-10-23", timestamps as "2023-10-23T14:05:00"
 * (the time as stored, no zone added), nested values as JSON.
 */
export function cellText(value, isDate = false) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const day = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    if (isDate) return day;
    const ms = value.getUTCMilliseconds();
    return `${day}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
  }
  if (typeof value === 'string') return csvText(value);
  if (value instanceof Uint8Array) return csvText(new TextDecoder().decode(value));
  return csvText(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** An AsyncBuffer over a source with random access (`range(offset, length)` -> a stream). */
export function asyncBufferOf(input) {
  return {
    byteLength: input.size,
    async slice(start, end = input.size) {
      return new Response(input.range(start, end - start)).arrayBuffer();
    },
  };
}

/**
 * The file as CSV text, one row group at a time (each yielded as bytes).
 * Throws an Error with a message for the analyst when the file cannot be read.
 */
export async function* parquetCsvChunks(file) {
  const metadata = await parquetMetadataAsync(file);
  const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));
  const unsupported = [...codecs].filter((c) => c && !SUPPORTED_CODECS.has(c));
  if (unsupported.length) {
    throw new Error(`The Parquet file is compressed with ${unsupported.join(', ')}, which Ascolto does not read: export it with Snappy (the default of DuckDB, Spark and BigQuery) or uncompressed.`);
  }
  const columns = parquetSchema(metadata).children;
  const names = columns.map((c) => c.element.name);
  const dates = columns.map((c) => c.element.logical_type?.type === 'DATE' || c.element.converted_type === 'DATE');
  const encoder = new TextEncoder();
  yield encoder.encode(`${names.map((n) => csvText(n)).join(',')}\n`);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows = [];
    await parquetRead({ file, metadata, rowStart, rowEnd, onComplete: (data) => { rows = data; } });
    let text = '';
    for (const row of rows) {
      text += `${row.map((value, i) => cellText(value, dates[i])).join(',')}\n`;
      if (text.length > 1 << 20) {
        yield encoder.encode(text);
        text = '';
      }
    }
    if (text) yield encoder.encode(text);
    rowStart = rowEnd;
  }
}
