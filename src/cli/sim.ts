// `npm run --silent sim -- <scenario.json | -> [--url <share-url>] [--print-url]`
// Runs a scenario to its end and prints exactly one JSON document (contract
// 2) on stdout. Invalid input: exit code 2, one line on stderr, nothing on
// stdout.

import { readFileSync } from 'node:fs';
import { decodeScenario, encodeScenario, parseScenarioJson } from '../scenario';
import { buildReport, runScenario, type SimScenario } from '../sim';
import { parseSimArgs, type SimArgs } from './args';

function fail(message: string): never {
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(2);
}

function readSource(source: SimArgs['source']): SimScenario {
  if (source.kind === 'url') {
    const decoded = decodeScenario(source.url);
    if (!decoded.ok) fail(decoded.error);
    return decoded.scenario;
  }
  let text: string;
  try {
    text = readFileSync(source.kind === 'stdin' ? 0 : source.path, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    fail(`file: cannot read ${source.kind === 'stdin' ? 'standard input' : `"${source.path}"`} (${reason})`);
  }
  const parsed = parseScenarioJson(text);
  if (!parsed.ok) fail(parsed.error);
  return parsed.scenario;
}

function main(argv: readonly string[]): void {
  const parsed = parseSimArgs(argv);
  if (!parsed.ok) fail(parsed.error);
  const { args } = parsed;
  const scenario = readSource(args.source);
  if (args.printUrl) {
    process.stdout.write(`${encodeScenario(scenario)}\n`);
    return;
  }
  const report = buildReport(runScenario(scenario, args.maxEvents));
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main(process.argv.slice(2));
