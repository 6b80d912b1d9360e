// Command-line parsing for `npm run sim`, kept apart from I/O so that it is
// easy to test. Errors are one line, naming what is wrong; what the user
// typed is quoted in them (escaped and shortened).

import { quote } from '../scenario/wording';

export interface SimArgs {
  // A share link may also come from a file or standard input: the longest
  // links the app makes are longer than one command-line argument may be
  // (128 KiB on Linux).
  source:
    | { kind: 'file'; path: string }
    | { kind: 'stdin' }
    | { kind: 'url'; url: string }
    | { kind: 'urlFile'; path: string }
    | { kind: 'urlStdin' };
  printUrl: boolean;
  maxEvents?: number;
}

export const USAGE =
  'usage: npm run --silent sim -- (<scenario.json> | - | --url <share-url> | --url - | --url-file <path>) [--print-url] [--max-events N]';

/** `--url <link>`, `--url-file <path>`; "-" is standard input for either. */
function linkSource(option: '--url' | '--url-file', value: string): SimArgs['source'] {
  if (value === '-') return { kind: 'urlStdin' };
  return option === '--url' ? { kind: 'url', url: value } : { kind: 'urlFile', path: value };
}

export function parseSimArgs(argv: readonly string[]): { ok: true; args: SimArgs } | { ok: false; error: string } {
  let path: string | undefined;
  let link: SimArgs['source'] | undefined;
  let printUrl = false;
  let maxEvents: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--print-url') printUrl = true;
    else if (a === '--url' || a === '--url-file' || a === '--max-events') {
      const value = argv[++i];
      if (value === undefined) return { ok: false, error: `${a}: needs a value. ${USAGE}` };
      if (a !== '--max-events') link = linkSource(a, value);
      else {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) return { ok: false, error: `--max-events: must be a positive whole number, not ${quote(value)}` };
        maxEvents = n;
      }
    } else if (a.startsWith('--url=')) link = linkSource('--url', a.slice('--url='.length));
    else if (a.startsWith('--url-file=')) link = linkSource('--url-file', a.slice('--url-file='.length));
    else if (a.startsWith('-') && a !== '-') return { ok: false, error: `unknown option ${quote(a)}. ${USAGE}` };
    else if (path !== undefined) return { ok: false, error: `only one scenario file, got ${quote(path)} and ${quote(a)}. ${USAGE}` };
    else path = a;
  }
  if (link !== undefined && path !== undefined) return { ok: false, error: `give a scenario file or a share link, not both. ${USAGE}` };
  const source: SimArgs['source'] | undefined =
    link ?? (path === '-' ? { kind: 'stdin' } : path !== undefined ? { kind: 'file', path } : undefined);
  if (!source) return { ok: false, error: `no scenario given. ${USAGE}` };
  return { ok: true, args: { source, printUrl, ...(maxEvents !== undefined ? { maxEvents } : {}) } };
}
