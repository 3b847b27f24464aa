// The CLI's Parquet reader (cpp/cli/parquet_file.cpp runs it): prints the
// reading options on the first line, then the file as CSV text, written by
// the page's own web/parquet.js over node's file source. Exit status 1,
// with the reason on stderr, when the file cannot be read.
import { fileSource } from '../web/node-core.js';
import { PARQUET_READING, asyncBufferOf, parquetCsvChunks } from '../web/parquet.js';

const [path] = process.argv.slice(2);
const source = fileSource(path);
const write = (bytes) => new Promise((resolve, reject) => {
  if (process.stdout.write(bytes)) resolve();
  else process.stdout.once('drain', resolve).once('error', reject);
});
try {
  await write(`${PARQUET_READING}\n`);
  // The chunk is the writer's reused buffer: stdout gets a copy.
  for await (const chunk of parquetCsvChunks(asyncBufferOf(source))) await write(Buffer.from(chunk));
} catch (error) {
  process.stderr.write(`ascolto: ${path}: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  source.close();
}
