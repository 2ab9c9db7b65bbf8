#!/usr/bin/env node
// The answer bot's evaluation: `npm run eval:bot -- --kb eval/kb.jsonl --queries eval/queries.jsonl`
//
// What it does and measures is in eval/botEvaluation.mjs and docs/BOT.md. Bot thresholds can be tried without
// editing anything: --answer-threshold, --suggest-threshold, --answer-margin (the inbox settings documented in
// docs/BOT.md). --json FILE writes every query's result; --errors lists the queries the bot got wrong.
import { writeFileSync } from 'node:fs';
import { evaluateBot, SHIPPED_KB, SHIPPED_QUERIES } from './botEvaluation.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const numberOption = (name) => {
  const value = option(name, undefined);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`--${name} must be a number from 0 to 1`);
  return n;
};

async function main() {
  const botSettings = {};
  for (const [flag, setting] of [
    ['answer-threshold', 'answerThreshold'],
    ['suggest-threshold', 'suggestThreshold'],
    ['answer-margin', 'answerMargin'],
  ]) {
    const value = numberOption(flag);
    if (value !== undefined) botSettings[setting] = value;
  }
  const { settings, results, report } = await evaluateBot({
    kbFile: option('kb', SHIPPED_KB),
    queriesFile: option('queries', SHIPPED_QUERIES),
    botSettings,
    log: (line) => process.stderr.write(`[eval:bot] ${line}\n`),
  });
  console.log(report);
  if (process.argv.includes('--errors')) {
    console.log('\nWrong or missed:');
    for (const r of results) {
      const right = r.expected === null ? r.outcome !== 'answer' : r.outcome === 'answer' && r.answered === r.expected;
      if (right) continue;
      console.log(
        `  ${r.query}\texpected ${r.expected}\t${r.outcome}${r.answered ? ` ${r.answered}` : ''}\ttop ${r.ranked.slice(0, 3).join(',')} (${r.topScore})`,
      );
    }
  }
  const jsonFile = option('json', undefined);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ settings, results }, null, 2));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
