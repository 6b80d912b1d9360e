// `npm run --silent sim -- <scenario.json | -> [--print-url]`, or with a
// share link: `--url <link>`, `--url -` (the link on standard input) or
// `--url-file <path>`. Runs a scenario to its end and prints exactly one
// JSON document (contract 2) on stdout. Invalid input: exit code 2, one line
// on stderr, nothing on stdout.

import { readFileSync } from 'node:fs';
import { decodeScenario, encodeScenario, parseScenarioJson } from '../scenario';
import { buildReport, runScenario, type SimScenario } from '../sim';
import { quote } from '../scenario/wording';
import { parseSimArgs, type SimArgs } from './args';
import { errorLine } from './errorLine';

function fail(message: string): never {
  process.stderr.write(errorLine(message));
  process.exit(2);
}

/** The whole text of a file, or of standard input for `undefined`. */
function readText(path: string | undefined): string {
  try {
    return readFileSync(path ?? 0, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    fail(`file: cannot read ${path === undefined ? 'standard input' : quote(path)} (${reason})`);
  }
}

function readSource(source: SimArgs['source']): SimScenario {
  if (source.kind === 'url' || source.kind === 'urlFile' || source.kind === 'urlStdin') {
    const link = source.kind === 'url' ? source.url : readText(source.kind === 'urlFile' ? source.path : undefined);
    const decoded = decodeScenario(link);
    if (!decoded.ok) fail(decoded.error);
    return decoded.scenario;
  }
  const text = readText(source.kind === 'file' ? source.path : undefined);
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
