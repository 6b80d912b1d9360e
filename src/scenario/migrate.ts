// The version gate. A scenario names its format version; this Ringside reads
// CURRENT_VERSION and, once there are older formats, upgrades them one version
// at a time. An unknown version is refused rather than guessed at: reading a
// newer format as if it were ours would silently run a different experiment.
//
// To add version 2: set CURRENT_VERSION = 2, add MIGRATIONS[1] (a function
// from a version-1 document to a version-2 document, ending with
// `version: 2`), and update schema.ts to the version-2 shape.

// Typed `number`, not the literal 1, so comparisons below stay meaningful
// when the two differ.
export const CURRENT_VERSION: number = 1;
/** The oldest version a migration chain exists for. */
export const OLDEST_VERSION: number = 1;

export type ScenarioDocument = Record<string, unknown>;
type Migration = (doc: ScenarioDocument) => ScenarioDocument;

/** MIGRATIONS[k] turns a version-k document into a version-(k + 1) one. */
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrateResult = { ok: true; doc: ScenarioDocument } | { ok: false; error: string };

function describeType(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'string') return 'text';
  if (typeof x === 'boolean') return 'true/false';
  return typeof x === 'number' ? 'a number' : `a ${typeof x}`;
}

function versionsWeRead(): string {
  return OLDEST_VERSION === CURRENT_VERSION
    ? `version ${CURRENT_VERSION}`
    : `versions ${OLDEST_VERSION} to ${CURRENT_VERSION}`;
}

/** Checks the version of a raw document and upgrades it to CURRENT_VERSION. */
export function migrateToCurrent(input: unknown): MigrateResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: `scenario: must be an object like {"version": 1, "steps": []}, not ${describeType(input)}` };
  }
  let doc = input as ScenarioDocument;
  const version = doc.version;
  if (version === undefined) return { ok: false, error: 'version: required' };
  if (typeof version !== 'number') {
    return { ok: false, error: `version: must be a number like ${CURRENT_VERSION}, not ${describeType(version)}` };
  }
  if (!Number.isInteger(version)) {
    return { ok: false, error: `version: must be a whole number like ${CURRENT_VERSION} (got ${version})` };
  }
  if (version < OLDEST_VERSION || version > CURRENT_VERSION) {
    return {
      ok: false,
      error: `version: unsupported scenario version ${version} (this Ringside reads ${versionsWeRead()})`,
    };
  }
  for (let v = version; v < CURRENT_VERSION; v++) {
    const migration = MIGRATIONS[v];
    if (!migration) return { ok: false, error: `version: no upgrade from version ${v} to ${v + 1}` };
    doc = migration(doc);
  }
  return { ok: true, doc };
}
