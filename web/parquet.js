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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => pad(i));

// Dates and timestamps are written as text by hyparquet's parsers, not made
// into Date objects (a million of them cost more in garbage collection than
// the decoding itself). Each day's text is made once.
function textParsers() {
  const days = new Map();
  const day = (n) => {
    let text = days.get(n);
    if (text === undefined) days.set(n, (text = cellText(new Date(n * 86400000), true)));
    return text;
  };
  const time = (ms) => {
    if (!Number.isFinite(ms)) return null;
    const n = Math.floor(ms / 86400000);
    const rest = ms - n * 86400000;
    const milli = Math.round(rest % 1000);
    const seconds = Math.floor(rest / 1000);
    return `${day(n)}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}${milli ? `.${pad(milli, 3)}` : ''}`;
  };
  return {
    timestampFromMilliseconds: (ms) => time(Number(ms)),
    timestampFromMicroseconds: (us) => time(Number(us) / 1000),
    timestampFromNanoseconds: (ns) => time(Number(ns) / 1e6),
    dateFromDays: (n) => day(n),
  };
}

/**
 * Writes CSV bytes into one buffer used again and again: ASCII text is
 * copied character by character (no string or array made per cell), the
 * rest encoded in place. `take()` gives the bytes written so far, valid
 * until the next write (the engine copies them into WASM memory at once).
 */
class CsvWriter {
  constructor(size = 1 << 21) {
    this.bytes = new Uint8Array(size);
    this.at = 0;
    this.encoder = new TextEncoder();
  }

  room(n) {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }

  byte(b) {
    this.room(1);
    this.bytes[this.at++] = b;
  }

  // A text cell: quoted when it holds a comma, a quote or a line break.
  text(s) {
    this.room(s.length);
    const start = this.at;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128 || c === 44 || c === 34 || c === 10 || c === 13) {
        this.at = start;
        this.slow(c >= 128 && !/[",\r\n]/.test(s) ? s : csvText(s));
        return;
      }
      this.bytes[this.at++] = c;
    }
  }

  slow(s) {
    this.room(s.length * 3);
    this.at += this.encoder.encodeInto(s, this.bytes.subarray(this.at)).written;
  }

  // A whole number's digits, written without making a string.
  integer(v) {
    if (v < 0) {
      this.byte(45);
      v = -v;
    }
    this.room(16);
    const start = this.at;
    do {
      this.bytes[this.at++] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    for (let i = start, j = this.at - 1; i < j; i++, j--) {
      const t = this.bytes[i];
      this.bytes[i] = this.bytes[j];
      this.bytes[j] = t;
    }
  }

  cell(value, isDate) {
    if (value === null || value === undefined) return;
    if (typeof value === 'string') this.text(value);
    else if (typeof value === 'number' && Number.isSafeInteger(value)) this.integer(value);
    else if (typeof value === 'bigint' && value <= MAX_SAFE && value >= -MAX_SAFE) this.integer(Number(value));
    else this.text(cellText(value, isDate)); // other numbers, bigints, booleans, nested values
  }

  take() {
    const out = this.bytes.subarray(0, this.at);
    this.at = 0;
    return out;
  }
}

/**
 * The file as CSV text, one row group at a time, from hyparquet's column
 * chunks (no row objects are built), yielded as bytes valid until the next
 * one is asked for. Throws an Error with a message for the analyst when
 * the file cannot be read.
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
  const parsers = textParsers();
  const out = new CsvWriter();
  names.forEach((name, i) => {
    if (i) out.byte(44);
    out.text(name);
  });
  out.byte(10);
  yield out.take();
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const data = new Array(names.length).fill(null);
    await parquetRead({
      file, metadata, rowStart, rowEnd, parsers,
      onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
        const index = names.indexOf(columnName);
        // A chunk may start before the group: `offset` finds the group's first row.
        if (index >= 0) data[index] = { values: columnData, offset: rowStart - chunkStart };
      },
    });
    const missing = data.findIndex((d) => d === null);
    if (missing >= 0) throw new Error(`the column ${names[missing]} could not be decoded`);
    for (let row = 0; row < rowEnd - rowStart; row++) {
      for (let c = 0; c < names.length; c++) {
        if (c) out.byte(44);
        out.cell(data[c].values[data[c].offset + row], dates[c]);
      }
      out.byte(10);
      if (out.at > 1 << 20) yield out.take();
    }
    if (out.at) yield out.take();
    rowStart = rowEnd;
  }
}
