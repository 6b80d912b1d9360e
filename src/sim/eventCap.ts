// How many kernel events one run may take, wherever it runs. A link must
// mean one run everywhere: the page and the CLI stop at the same event (and
// so report the same trace hash), and a tiny hostile scenario — a latency of
// 1e9 ms that makes hint replays pile up, anti-entropy every millisecond for
// a virtual week — stops in seconds instead of running for minutes. A run
// cut here says so: `complete: false` in the CLI, a notice on the page.

export const EVENT_CAP = 400_000;
