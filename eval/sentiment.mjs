#!/usr/bin/env node
// The complaint / anger check the bot hands off on (packages/server/src/bot/complaintDetector.ts), measured on
// the labelled set eval/sentiment.jsonl: `npm run eval:sentiment` (after `npx tsc -b`).
//
// Every third sentence (line 3, 6, 9, …) is held out: the lexicon and threshold were tuned on the others only,
// and the held-out numbers are the ones docs/BOT.md reports. `--errors` lists the training sentences it gets
// wrong (never the held-out ones, so tuning cannot peek at them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const detectorFile = path.join(root, 'packages/server/dist/bot/complaintDetector.js');
let detectComplaint;
try {
  ({ detectComplaint } = await import(pathToFileURL(detectorFile).href));
} catch {
  console.error(`Cannot load ${path.relative(root, detectorFile)}: build the server first (npx tsc -b).`);
  process.exit(1);
}

const args = process.argv.slice(2);
const fileArg = args.indexOf('--file');
const file = fileArg >= 0 ? args[fileArg + 1] : path.join(root, 'eval/sentiment.jsonl');
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line, i) => {
    const row = JSON.parse(line);
    if (typeof row.text !== 'string' || !['complaint', 'neutral'].includes(row.label)) {
      throw new Error(`line ${i + 1}: expected {"text": "…", "label": "complaint" | "neutral"}`);
    }
    return { ...row, heldOut: i % 3 === 2 };
  });

function measure(part) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const wrong = [];
  for (const row of part) {
    const { detected, score } = detectComplaint(row.text);
    const actual = row.label === 'complaint';
    if (detected && actual) tp++;
    else if (detected) fp++;
    else if (actual) fn++;
    else tn++;
    if (detected !== actual) wrong.push({ ...row, score });
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  return {
    n: part.length,
    accuracy: (tp + tn) / (part.length || 1),
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall || 1),
    tp,
    fp,
    tn,
    fn,
    wrong,
  };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const print = (name, m) =>
  console.log(
    `${name.padEnd(9)} n=${String(m.n).padStart(3)}  accuracy ${pct(m.accuracy)}  precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}  (TP ${m.tp} FP ${m.fp} TN ${m.tn} FN ${m.fn})`,
  );

const train = measure(rows.filter((r) => !r.heldOut));
const heldOut = measure(rows.filter((r) => r.heldOut));
console.log(`Complaint check on ${path.relative(process.cwd(), file)} (${rows.length} sentences)`);
print('train', train);
print('held-out', heldOut);
print('all', measure(rows));
if (args.includes('--errors')) {
  for (const w of train.wrong) console.log(`  ${w.label === 'complaint' ? 'missed' : 'false '} ${w.score}\t${w.text}`);
}
