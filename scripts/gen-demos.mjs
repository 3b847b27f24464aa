// Writes the four demo datasets (survey, feedback, volumes, media) into a
// folder: public/demo for the page (scripts/build-web.mjs), and before the
// C++ tests, which read them too (scripts/test). Usage: node scripts/gen-demos.mjs [DIR]
import { fileURLToPath } from 'node:url';
import { writeDemo } from './gen-demo.mjs';
import { writeFeedbackDemo } from './gen-feedback.mjs';
import { writeVolumesDemo } from './gen-volumes.mjs';
import { writeMediaDemo } from './gen-media.mjs';

export async function writeDemos(dir) {
  await writeDemo(dir);
  await writeFeedbackDemo(dir);
  await writeVolumesDemo(dir);
  await writeMediaDemo(dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeDemos(process.argv[2] ?? fileURLToPath(new URL('../public/demo', import.meta.url)));
}
