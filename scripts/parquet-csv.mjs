// The CLI's Parquet reader (cpp/cli/parquet_file.cpp runs it): prints the
// reading options on the first line, then the file as CSV text, written by
// the page's own web/parquet.js. Exit status 1, with the reason on stderr,
// when the file cannot be read.
import { open } from 'node:fs/promises';
import { PARQUET_READING, parquetCsvChunks } from '../web/parquet.js';

const [path] = process.argv.slice(2);
const handle = await open(path);
const { size } = await handle.stat();
const file = {
  byteLength: size,
  async slice(start, end = size) {
    const bytes = new Uint8Array(end - start);
    await handle.read(bytes, 0, bytes.length, start);
    return bytes.buffer;
  },
};
const write = (bytes) => new Promise((resolve, reject) => {
  if (process.stdout.write(bytes)) resolve();
  else process.stdout.once('drain', resolve).once('error', reject);
});
try {
  await write(`${PARQUET_READING}\n`);
  for await (const chunk of parquetCsvChunks(file)) await write(chunk);
} catch (error) {
  process.stderr.write(`ascolto: ${path}: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
