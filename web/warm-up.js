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

// V8 optimizes a function only after it has done enough work, and a
// report builds a table's caches once (the comments' tally, for one): each
// pass reads the export anew and answers every request on it. With one read
// and four passes of the requests, the first 1M-row report of a fresh
// process still ran its row loops (the comments' tally, the column
// summary) in baseline code while V8 optimized them: 53-59 ms against 47
// for the next report, 43-53 against 33 on two threads. With eight passes
// that each read: 48 and 35-41 ms. The reading on threads, too, is
// optimized only after more than one read of the export.
export const WARM_UP_PASSES = 8;

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
// memory may have grown in between. False when a file cut it short.
async function writeHeap(session, heapBytes, shouldStop) {
  for (let at = 0; at < heapBytes; at += HEAP_STEP_BYTES) {
    await yieldToEvents();
    if (shouldStop()) return false;
    session.inputBuffer(heapBytes).fill(0, at, at + HEAP_STEP_BYTES);
  }
  return true;
}

/**
 * Reads a warm-up export and answers each kind of request on it, then frees
 * it, WARM_UP_PASSES times, so that V8 optimizes the reader and the reports
 * before the first file; after the first pass it prepares `heapBytes` of
 * written heap. Between steps it checks `shouldStop()` and, when a file is
 * waiting, ends there: the file is read at once, with what is warm so far.
 */
export async function warmUp(core, rows = 5000, { heapBytes = PREPARED_HEAP_BYTES, shouldStop = () => false } = {}) {
  const bytes = warmUpCsv(rows);
  // In the module with threads, read in small blocks on every core: the
  // path a large file takes is then optimized code too.
  const read = () => loadSession(core,
    [{ name: 'warm-up.csv', size: bytes.length, chunks: piecesUntilStopped(bytes, shouldStop) }], {},
    { threads: 0, parallel: { minBytes: 0, rangeBytes: WARM_UP_PIECE_BYTES } });
  for (let pass = 0; pass < WARM_UP_PASSES && !shouldStop(); pass += 1) {
    const session = await read();
    try {
      for (const request of WARM_UP_REQUESTS) {
        await yieldToEvents();
        if (shouldStop()) return;
        querySession(session, request);
      }
      // The heap after the first pass, not the last: a file dropped during
      // the later passes still finds it written.
      if (pass === 0 && !(await writeHeap(session, heapBytes, shouldStop))) return;
    } finally {
      session.delete();
    }
  }
}
