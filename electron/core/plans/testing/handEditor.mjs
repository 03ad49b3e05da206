// A person editing a plan by hand, as fast as possible, from its own process (forked by planRace.test.ts).
// Rotates the three ways editors save: rewrite in place, write a temp file and rename it over, append.
// Every edit adds one unique marker word (` handN;`) to the end of the last line, so the plan stays a
// plan of normal size for the parser however many edits run; the test checks that every marker survives.
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';

const [path, countArg, pauseArg] = process.argv.slice(2);
const count = Number(countArg);
// Bursts: mostly up to `pauseMs` between saves, and now and then a longer pause (like a person
// reading), so app writes land between bursts and their swaps meet the next burst head-on.
const pauseMs = Number(pauseArg ?? 0);
const pause = () => (Math.random() < 0.02 ? 50 + Math.random() * 250 : Math.random() * pauseMs);

async function readRetrying() {
  // The app's compare-and-swap leaves the name missing for a few microseconds.
  for (;;) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const withMarker = (text, marker) => `${text.replace(/\n+$/, '')}${marker}\n`;

for (let i = 0; i < count; i++) {
  const marker = ` hand${i};`;
  const how = i % 3;
  if (how === 0) {
    await writeFile(path, withMarker(await readRetrying(), marker));
  } else if (how === 1) {
    const temp = `${path}.hand-${process.pid}.swp`;
    await writeFile(temp, withMarker(await readRetrying(), marker));
    await rename(temp, path);
  } else {
    await appendFile(path, marker);
  }
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pause()));
}
process.send?.({ done: count });
