// Bounds of scenario version 1. They keep a scenario from a link small enough
// for a browser tab to simulate and draw, while staying far above anything a
// lesson needs. Exported so the UI can use the same bounds on its inputs.

export const MAX_NODES = 64;
export const MAX_VNODES = 64;
export const MAX_MERKLE_DEPTH = 16;
/** Upper bound for every time in ms (`at`, timeouts, latencies, skew): ~11.6 virtual days. */
export const MAX_TIME_MS = 1e9;
export const MAX_SEED = 2 ** 32 - 1;
/** Keys and values: 1 KB, counted in UTF-8 bytes as a real store would. */
export const MAX_KEY_BYTES = 1024;
export const MAX_VALUE_BYTES = 1024;
/** Client names and titles, counted in characters (UTF-16 code units). */
export const MAX_CLIENT_CHARS = 200;
export const MAX_TITLE_CHARS = 200;
export const MAX_STEPS = 200_000;
/** Node ids: short, and safe to show anywhere (labels, URLs, CSS-free). */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;

/** Share links: the encoded payload is refused above this before any decoding. */
export const MAX_LINK_PAYLOAD_CHARS = 200_000;
/** Share links: decompression stops as soon as the output passes this. */
export const MAX_LINK_JSON_BYTES = 2 * 1024 * 1024;
