/**
 * Figures for lab patterns (`npm run bench:patterns`, after `npm run build`). Not a test: it
 * prints what one learner command costs the event loop when the transcript check of
 * 00-linux-netzwerk's `nachbarn-angesehen` reads it, with JS RegExp (before issue 13) and with
 * RE2 (`labPattern`). The command `ip -n -n … -n x` splits two ways at every second `-n`.
 */
import path from 'node:path';
import { labPattern } from '../labs/lab-pattern.js';
import { loadLab } from '../labs/lab-loader.js';

const loaded = loadLab(path.resolve('labs/00-linux-netzwerk'));
if (!('lab' in loaded)) throw new Error(JSON.stringify(loaded.problems));
const check = loaded.lab.steps.flatMap((s) => s.checks).find((c) => c.id === 'nachbarn-angesehen');
if (check?.kind !== 'transcript') throw new Error('nachbarn-angesehen is not a transcript check');
const source = check.command;

const command = (repeats: number) => `ip${' -n'.repeat(repeats)} x`;

function time(test: (text: string) => boolean, text: string): string {
  const started = performance.now();
  const matched = test(text);
  return `${(performance.now() - started).toFixed(2)} ms (${matched ? 'match' : 'no match'})`;
}

const js = new RegExp(source);
const re2 = labPattern(source);
for (const repeats of [30, 34, 38]) {
  const text = command(repeats);
  console.log(
    `${text.length} chars: JS RegExp ${time((t) => js.test(t), text)}, ` +
      `RE2 ${time((t) => re2.test(t), text)}`,
  );
}
for (const repeats of [3_333, 33_333]) {
  const text = command(repeats);
  console.log(`${text.length} chars: RE2 ${time((t) => re2.test(t), text)} (JS RegExp: never)`);
}
