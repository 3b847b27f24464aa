// Warms the WASM core up on a small synthetic export as soon as it loads,
// while the user is still choosing a file.
//
// V8 first runs WebAssembly with a baseline compiler (Liftoff) and
// optimizes a function only after it has run for a while; a call that is
// already running keeps its baseline code to its end (WebAssembly has no
// on-stack replacement). Without a warm-up, the first file dropped on the
// page is read in baseline code and its table is typed and reported in
// baseline code, which measured about twice as slow as the next file
// (scripts/bench: "cold" against "warm").
import { loadSession, querySession } from './engine.js';

const APPLICATIONS = ['NASpI', 'Cassetto previdenziale', 'Estratto conto', 'Assegno unico', 'Pensione', 'Bonus nido',
  'Invalidità civile', 'Prenotazione sede'];
const DEVICES = ['desktop', 'mobile', 'tablet', 'app'];
const OFFICES = ['Roma', 'Milano', 'Napoli', 'Torino', 'Bari', 'Firenze'];
const COMMENTS = ['', '', '"Il sito è lento, troppi passaggi"', 'Ottimo', '"Non trovo lo stato della pratica"',
  'Servizio utile e veloce', '"Errore all\'invio: ""riprovare più tardi"""'];

/**
 * A feedback export of `rows` rows exercising the reader's common paths:
 * ISO timestamps, categories, 1-5 ratings, decimal commas, quoted text with
 * doubled quotes, empty cells, a free-text column of distinct values.
 * Deterministic (no random source): the same bytes on every load.
 */
export function warmUpCsv(rows) {
  const lines = ['timestamp,applicativo,dispositivo,sede,voto,durata,commento,riferimento'];
  const start = Date.UTC(2024, 0, 1) / 1000;
  for (let i = 0; i < rows; i += 1) {
    const time = new Date((start + i * 37) * 1000).toISOString().slice(0, 19);
    const vote = 1 + ((i * 7) % 5);
    const seconds = `"${(i % 300) + 1},${i % 10}"`;
    lines.push([time, APPLICATIONS[(i * 3) % APPLICATIONS.length], DEVICES[i % DEVICES.length],
      OFFICES[(i * 5) % OFFICES.length], vote, seconds, COMMENTS[(i * 11) % COMMENTS.length],
      `pratica ${i * 7919 % 1000003}`].join(','));
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/**
 * Heap the spare worker writes once while idle. WASM memory never shrinks,
 * so pages written now are not faulted in again while a file is read: on
 * this project's VM a fresh 4 KiB page costs 11-15 us, and a 1M-row export
 * needs about 40 MB (reading it took 0.235-0.247 s instead of 0.165 s).
 * Memory grows beyond this as a larger file needs.
 */
export const PREPARED_HEAP_BYTES = 64 << 20;

// Every kind of request the page and the embedding API make (see README,
// "Report requests"): the first filter or group-by after a file is then
// optimized code too.
export const WARM_UP_REQUESTS = [{}, { feedback: { application: 'NASpI', granularity: 'week' } },
  { comments: { device: 'mobile', word: 'lento' } }, { aggregate: { by: 'applicativo', rating: 'voto' } }];

// V8 optimizes a function only after it has done enough work. One pass of
// the requests over the warm-up export left the report's row loops in
// baseline code: they were optimized during the first file's report, which
// ran in baseline code (1,197-4,788 page faults of V8's compilation in
// that report; 24 with four passes).
export const WARM_UP_PASSES = 4;

// The reading on threads is optimized only after more work than one read
// of the export: after one, the first 1M-row file read on two threads
// still ran partly in baseline code (reading 99-102 ms, 134-159 page
// faults, 153-167 ms of CPU; after three reads 89-100 ms, 81-128 faults,
// 122-143 ms of CPU). Without threads one read is enough.
export const WARM_UP_BLOCK_READS = 3;

// Reads of the export: WARM_UP_BLOCK_READS when the module reads on threads.
function blockReads(core) {
  const session = new core.Session();
  try {
    return session.setThreads(0) > 1 ? WARM_UP_BLOCK_READS : 1;
  } finally {
    session.delete();
  }
}

// Lets the worker's message queue run: a file dropped during the warm-up
// is seen at once (shouldStop) instead of after all of it.
const yieldToEvents = () => new Promise((resolve) => { setTimeout(resolve, 0); });

const WARM_UP_PIECE_BYTES = 32 << 10;

// The export in pieces with a pause for messages after each; none after
// `shouldStop()` (a cut last row is only a warning in a warm-up).
async function* piecesUntilStopped(bytes, shouldStop) {
  for (let at = 0; at < bytes.length && !shouldStop(); at += WARM_UP_PIECE_BYTES) {
    yield bytes.subarray(at, at + WARM_UP_PIECE_BYTES);
    await yieldToEvents();
  }
}

const HEAP_STEP_BYTES = 4 << 20;

// Writes `heapBytes` of the input buffer (the core does not write it when it
// grows), a step at a time with a pause for messages after each: a file
// dropped meanwhile is read at once, with the heap written so far (on a
// slow VM all of it took 250-350 ms). The view is asked for at every step:
// memory may have grown in between.
async function writeHeap(session, heapBytes, shouldStop) {
  for (let at = 0; at < heapBytes; at += HEAP_STEP_BYTES) {
    await yieldToEvents();
    if (shouldStop()) return;
    session.inputBuffer(heapBytes).fill(0, at, at + HEAP_STEP_BYTES);
  }
}

/**
 * Reads a warm-up export and answers each kind of request on it, then frees
 * it, so that V8 optimizes the reader and the reports before the first
 * file; then prepares `heapBytes` of written heap. Between steps it checks
 * `shouldStop()` and, when a file is waiting, ends there: the file is read
 * at once, with what is warm so far.
 */
export async function warmUp(core, rows = 5000, { heapBytes = PREPARED_HEAP_BYTES, shouldStop = () => false } = {}) {
  const bytes = warmUpCsv(rows);
  // In the module with threads, read in small blocks on every core: the
  // path a large file takes is then optimized code too.
  const read = () => loadSession(core,
    [{ name: 'warm-up.csv', size: bytes.length, chunks: piecesUntilStopped(bytes, shouldStop) }], {},
    { threads: 0, parallel: { minBytes: 0, rangeBytes: WARM_UP_PIECE_BYTES } });
  const reads = blockReads(core);
  for (let extra = 1; extra < reads && !shouldStop(); extra += 1) (await read()).delete();
  const session = await read();
  try {
    for (let pass = 0; pass < WARM_UP_PASSES; pass += 1) {
      for (const request of WARM_UP_REQUESTS) {
        await yieldToEvents();
        if (shouldStop()) return;
        querySession(session, request);
      }
    }
    await writeHeap(session, heapBytes, shouldStop);
  } finally {
    session.delete();
  }
}
