// The one line the CLI prints on stderr for invalid input (contract 2). It
// reaches a terminal, so no character from the input may act on it: control
// characters (an ESC starts a colour change or clears the screen) are written
// as \u001b escapes. Messages from the scenario layer are already short; the
// cap here covers the CLI's own messages and anything added later.

import { escapeControls, oneLine, shorten } from '../scenario/wording';

/** Long enough for the longest message with the usage line appended. */
export const MAX_ERROR_LINE_CHARS = 600;

export function errorLine(message: string): string {
  return `${shorten(escapeControls(oneLine(message).trim()), MAX_ERROR_LINE_CHARS)}\n`;
}
