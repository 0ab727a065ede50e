// Stored sessions come back from disk (or from a user's hand edit): check every field
// before trusting it, so a damaged file gives one clear error instead of a crash later.
import { HUNK_STATES, REVIEW_SCHEMA, type HunkPos, type HunkState, type ReviewHunk, type ReviewPatch, type ReviewSession } from './types';

type Obj = Record<string, unknown>;

function obj(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`review session: ${what} is not an object`);
  return v as Obj;
}
function str(o: Obj, k: string, what: string): string {
  if (typeof o[k] !== 'string') throw new Error(`review session: ${what}.${k} is not a string`);
  return o[k] as string;
}
function num(o: Obj, k: string, what: string): number {
  if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) throw new Error(`review session: ${what}.${k} is not a number`);
  return o[k] as number;
}
function arr(o: Obj, k: string, what: string): unknown[] {
  if (!Array.isArray(o[k])) throw new Error(`review session: ${what}.${k} is not a list`);
  return o[k] as unknown[];
}

function hunk(v: unknown, what: string): ReviewHunk {
  const o = obj(v, what);
  const state = str(o, 'state', what);
  if (!HUNK_STATES.includes(state as HunkState)) throw new Error(`review session: ${what}.state ${JSON.stringify(state)} is not a hunk state`);
  const h: ReviewHunk = {
    file: str(o, 'file', what), header: str(o, 'header', what), hash: str(o, 'hash', what),
    key: str(o, 'key', what), line: num(o, 'line', what),
    struct: o.struct === true,
    structs: arr(o, 'structs', what).filter((s): s is string => typeof s === 'string'),
    state: state as HunkState, note: str(o, 'note', what),
  };
  if (typeof o.impact === 'string') h.impact = o.impact;
  return h;
}

function patch(v: unknown, what: string): ReviewPatch {
  const o = obj(v, what);
  const p: ReviewPatch = {
    messageId: str(o, 'messageId', what), index: num(o, 'index', what), subject: str(o, 'subject', what), from: str(o, 'from', what),
    hunks: arr(o, 'hunks', what).map((h, i) => hunk(h, `${what}.hunks[${i}]`)),
  };
  if (typeof o.date === 'string') p.date = o.date;
  return p;
}

/** Parse and check a stored session (a JSON string or the parsed value). */
export function parseSession(json: string | unknown): ReviewSession {
  let v: unknown = json;
  if (typeof json === 'string') {
    try { v = JSON.parse(json); } catch (e) { throw new Error(`review session: not JSON (${(e as Error).message})`); }
  }
  const o = obj(v, 'session');
  if (o.schema !== REVIEW_SCHEMA) throw new Error(`review session: schema ${JSON.stringify(o.schema)}, expected ${REVIEW_SCHEMA}`);
  const s: ReviewSession = {
    schema: REVIEW_SCHEMA, key: str(o, 'key', 'session'), title: str(o, 'title', 'session'), version: num(o, 'version', 'session'),
    patches: arr(o, 'patches', 'session').map((p, i) => patch(p, `patches[${i}]`)),
  };
  if (typeof o.cover === 'string') s.cover = o.cover;
  if (o.current !== undefined) {
    const c = obj(o.current, 'current');
    const pos: HunkPos = { patch: num(c, 'patch', 'current'), hunk: num(c, 'hunk', 'current') };
    s.current = pos;
  }
  return s;
}
