// A pause before each timed run, the same for every engine: a user picks
// a file some time after the page has loaded, and by then an engine's
// background work (V8 optimizing the WebAssembly that its loading or
// warm-up ran) is over. Without it, that work competes with the timed run
// for this machine's two cores, and the file reads starve.
export const SETTLE_MS = 1000;

export function settle() {
  return new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}
