import { describe, expect, it } from 'vitest';
import { parseSimArgs, USAGE } from './args';

const sourceOf = (argv: string[]) => {
  const parsed = parseSimArgs(argv);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.args.source;
};

const errorOf = (argv: string[]) => {
  const parsed = parseSimArgs(argv);
  if (parsed.ok) throw new Error(`accepted ${JSON.stringify(argv)}`);
  return parsed.error;
};

describe('parseSimArgs: where the scenario comes from', () => {
  it('reads a scenario file, or standard input for "-"', () => {
    expect(sourceOf(['s.json'])).toEqual({ kind: 'file', path: 's.json' });
    expect(sourceOf(['-'])).toEqual({ kind: 'stdin' });
  });

  it('still takes a link as the value of --url', () => {
    expect(sourceOf(['--url', 'https://x/#s=abc'])).toEqual({ kind: 'url', url: 'https://x/#s=abc' });
    expect(sourceOf(['--url=#s=abc'])).toEqual({ kind: 'url', url: '#s=abc' });
  });

  it('reads the link from standard input for --url -', () => {
    expect(sourceOf(['--url', '-'])).toEqual({ kind: 'urlStdin' });
    expect(sourceOf(['--url=-'])).toEqual({ kind: 'urlStdin' });
  });

  it('reads the link from a file for --url-file, and from standard input for --url-file -', () => {
    expect(sourceOf(['--url-file', 'link.txt'])).toEqual({ kind: 'urlFile', path: 'link.txt' });
    expect(sourceOf(['--url-file=link.txt', '--print-url'])).toEqual({ kind: 'urlFile', path: 'link.txt' });
    expect(sourceOf(['--url-file', '-'])).toEqual({ kind: 'urlStdin' });
  });

  it('refuses a link and a scenario file together, and a link option without its value', () => {
    expect(errorOf(['s.json', '--url-file', 'link.txt'])).toBe(`give a scenario file or a share link, not both. ${USAGE}`);
    expect(errorOf(['-', '--url', '-'])).toBe(`give a scenario file or a share link, not both. ${USAGE}`);
    expect(errorOf(['--url-file'])).toBe(`--url-file: needs a value. ${USAGE}`);
  });

  it('names every way to give a link in its usage line', () => {
    expect(USAGE).toContain('--url <share-url>');
    expect(USAGE).toContain('--url -');
    expect(USAGE).toContain('--url-file <path>');
  });
});

describe('parseSimArgs: errors quote what the user typed', () => {
  it('shortens a long unknown option', () => {
    const error = errorOf([`--${'x'.repeat(100_000)}`]);
    expect(error).toBe(`unknown option "--${'x'.repeat(36)}…. ${USAGE}`);
  });

  it('escapes control characters in what it quotes', () => {
    expect(errorOf(['--\u001b[2J'])).toBe(`unknown option "--\\u001b[2J". ${USAGE}`);
    expect(errorOf(['a', 'b\u009b31m'])).toBe(`only one scenario file, got "a" and "b\\u009b31m". ${USAGE}`);
    expect(errorOf(['-', '--max-events', '\u007f'])).toBe('--max-events: must be a positive whole number, not "\\u007f"');
  });
});
