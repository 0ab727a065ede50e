// `report --format json`: the stable, versioned interface (field names per the design).
import type { Analysis, HunkAnalysis } from '../analyze';
import type { Author } from '../discussion/types';
import type { Scenario, StructImpact } from '../impact';
import type { Message } from '../mail/types';

export const REPORT_SCHEMA = 'kernel-patch-lens.report@1';

function who(a: Author): string {
  return a.address ? `${a.name} <${a.address}>` : a.name;
}

function messageId(m: Message | undefined): string | null {
  return m?.messageId ?? null;
}

function scenarioJson(s: Scenario) {
  return {
    config: s.config,
    isBase: s.isBase,
    baseValues: s.baseValues,
    before: s.before ?? null,
    after: s.after ?? null,
    delta: s.delta ?? null,
    holesFilled: s.holesFilled,
    holesCreated: s.holesCreated,
    moved: s.moved,
    ...(s.error ? { error: s.error } : {}),
  };
}

function structJson(s: StructImpact) {
  return {
    name: s.name,
    kind: s.kind,
    basis: s.basis,
    basisDetail: s.basisDetail,
    abi: s.abi,
    match: s.match ?? null,
    assumptions: s.assumptions,
    scenarios: s.scenarios.map(scenarioJson),
    slab: s.slab,
    ...(s.error ? { error: s.error } : {}),
  };
}

function hunkJson(a: Analysis, h: HunkAnalysis) {
  const msgs = a.doc.messages;
  const k = h.hunk;
  return {
    key: h.key,
    message: messageId(msgs[k.message]),
    messageIndex: k.message,
    file: k.file,
    oldStart: k.oldStart,
    oldLines: k.oldLines,
    newStart: k.newStart,
    newLines: k.newLines,
    section: k.section,
    quoted: k.quoted,
    depth: k.depth,
    view: k.view,
    part: k.part,
    lines: h.lines,
    complete: k.complete,
    ...(k.rebuilt ? { rebuilt: k.rebuilt } : {}),
    structs: h.impact.structs.map(structJson),
    newStructs: h.impact.newStructs.map((n) => ({ name: n.name, kind: n.kind, size: n.size ?? null, align: n.align ?? null, ...(n.error ? { error: n.error } : {}) })),
    discussion: h.discussion.map((d) => ({
      message: messageId(msgs[d.message]),
      messageIndex: d.message,
      from: who(d.from),
      date: d.date ?? null,
      excerpt: d.excerpt,
      quoted: d.quoted,
      level: d.level,
      link: d.link ?? null,
    })),
  };
}

export function reportJson(a: Analysis): unknown {
  const msgs = a.doc.messages;
  return {
    schema: REPORT_SCHEMA,
    input: { name: a.name, kind: a.doc.kind, warnings: a.doc.warnings },
    messages: msgs.map((m) => ({
      id: m.messageId ?? null,
      index: m.index,
      from: m.from.address ? `${m.from.name} <${m.from.address}>`.trim() : m.from.name,
      date: m.date ?? m.dateRaw ?? null,
      subject: m.subject,
      parent: a.thread.parent[m.index] === undefined ? null : messageId(msgs[a.thread.parent[m.index]!]),
    })),
    hunks: a.hunks.map((h) => hunkJson(a, h)),
    verdicts: Object.entries(a.verdicts).flatMap(([patch, vs]) => vs.map((v) => ({
      patch: messageId(msgs[Number(patch)]), kind: v.kind, by: who(v.by), text: v.text, message: messageId(msgs[v.message]),
    }))),
    claims: a.claims.map((c) => ({
      struct: c.struct, bytes: c.bytes * c.sign, message: messageId(msgs[c.message]), computed: c.computed ?? null, agrees: c.agrees ?? null,
    })),
    millis: a.millis,
  };
}
