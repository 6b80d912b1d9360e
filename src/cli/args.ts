// Command-line parsing for `npm run sim`, kept apart from I/O so that it is
// easy to test. Errors are one line, naming what is wrong.

export interface SimArgs {
  source: { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'url'; url: string };
  printUrl: boolean;
  maxEvents?: number;
}

export const USAGE = 'usage: npm run --silent sim -- <scenario.json | -> [--url <share-url>] [--print-url] [--max-events N]';

export function parseSimArgs(argv: readonly string[]): { ok: true; args: SimArgs } | { ok: false; error: string } {
  let path: string | undefined;
  let url: string | undefined;
  let printUrl = false;
  let maxEvents: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--print-url') printUrl = true;
    else if (a === '--url' || a === '--max-events') {
      const value = argv[++i];
      if (value === undefined) return { ok: false, error: `${a}: needs a value. ${USAGE}` };
      if (a === '--url') url = value;
      else {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) return { ok: false, error: `--max-events: must be a positive whole number, not "${value}"` };
        maxEvents = n;
      }
    } else if (a.startsWith('--url=')) url = a.slice('--url='.length);
    else if (a.startsWith('-') && a !== '-') return { ok: false, error: `unknown option "${a}". ${USAGE}` };
    else if (path !== undefined) return { ok: false, error: `only one scenario file, got "${path}" and "${a}". ${USAGE}` };
    else path = a;
  }
  if (url !== undefined && path !== undefined) return { ok: false, error: `give a scenario file or --url, not both. ${USAGE}` };
  const source: SimArgs['source'] | undefined =
    url !== undefined ? { kind: 'url', url } : path === '-' ? { kind: 'stdin' } : path !== undefined ? { kind: 'file', path } : undefined;
  if (!source) return { ok: false, error: `no scenario given. ${USAGE}` };
  return { ok: true, args: { source, printUrl, ...(maxEvents !== undefined ? { maxEvents } : {}) } };
}
