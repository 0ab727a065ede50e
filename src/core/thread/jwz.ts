// JWZ threading (https://www.jwz.org/doc/threading.html) as mutt and public-inbox do it:
// containers per Message-ID, links from References/In-Reply-To without loops, missing
// parents kept as id-only containers, orphans kept as roots, then subject grouping of
// roots. Iterative throughout: threads can be thousands deep.
import type { Message } from '../mail/types';
import type { ThreadNode } from './types';
import { isReplySubject, threadSubject } from './subject';

interface Container {
  id: string;
  message?: number;
  parent?: Container;
  children: Container[];
}

function isAncestor(a: Container, b: Container): boolean {
  // is `a` an ancestor of `b` (or b itself)? A leaf is nobody's ancestor: that keeps
  // long reply chains linear.
  if (a.children.length === 0) return a === b;
  for (let c: Container | undefined = b; c; c = c.parent) if (c === a) return true;
  return false;
}

function unlink(c: Container): void {
  const p = c.parent;
  if (!p) return;
  const i = p.children.indexOf(c);
  if (i >= 0) p.children.splice(i, 1);
  c.parent = undefined;
}

function link(parent: Container, child: Container): void {
  if (child.parent === parent) return;
  if (isAncestor(child, parent)) return;
  unlink(child);
  child.parent = parent;
  parent.children.push(child);
}

export interface JwzResult {
  roots: ThreadNode[];
  parent: (number | undefined)[];
}

export function jwz(messages: Message[]): JwzResult {
  const table = new Map<string, Container>();
  const get = (id: string): Container => {
    let c = table.get(id);
    if (!c) {
      c = { id, children: [] };
      table.set(id, c);
    }
    return c;
  };
  const own: Container[] = [];
  messages.forEach((m, i) => {
    let c = m.messageId ? get(m.messageId) : undefined;
    if (!c || c.message !== undefined) {
      // no id, or a duplicate id: the message gets a container of its own
      c = { id: m.messageId ?? `<no-id-${i}>`, children: [] };
      if (!m.messageId) table.set(c.id, c);
    }
    c.message = i;
    own.push(c);
  });
  messages.forEach((m, i) => {
    const refs = [...m.references];
    if (m.inReplyTo && refs[refs.length - 1] !== m.inReplyTo) {
      const at = refs.indexOf(m.inReplyTo);
      if (at >= 0) refs.splice(at, 1);
      refs.push(m.inReplyTo);
    }
    const self = own[i];
    let prev: Container | undefined;
    for (const id of refs) {
      const c = get(id);
      if (c === self) { prev = undefined; continue; }
      if (prev && !c.parent && !isAncestor(c, prev)) link(prev, c);
      prev = c;
    }
    // the last reference is the parent, overriding links guessed from others' references
    if (prev && prev !== self && !isAncestor(self, prev)) {
      unlink(self);
      link(prev, self);
    }
  });
  const all = new Set<Container>([...table.values(), ...own]);
  let roots = [...all].filter((c) => !c.parent);
  // empty roots with nothing under them are references to nowhere; drop them
  roots = roots.filter((c) => c.message !== undefined || c.children.length > 0);
  // subject fallback: a reply whose parent is unknown joins the root with its subject
  const bySubject = new Map<string, Container>();
  for (const r of roots) {
    if (r.message === undefined) continue;
    const m = messages[r.message];
    const key = threadSubject(m.subject);
    if (!key || isReplySubject(m.subject)) continue;
    if (!bySubject.has(key)) bySubject.set(key, r);
  }
  const kept: Container[] = [];
  for (const r of roots) {
    const m = r.message !== undefined ? messages[r.message] : undefined;
    if (m && isReplySubject(m.subject) && !m.inReplyTo && m.references.length === 0) {
      const target = bySubject.get(threadSubject(m.subject));
      if (target && target !== r && !isAncestor(r, target)) {
        link(target, r);
        continue;
      }
    }
    kept.push(r);
  }
  const parent: (number | undefined)[] = messages.map((_, i) => own[i].parent?.message);
  // Containers → ThreadNodes, iteratively, children in file order.
  const memo = new Map<Container, number>();
  const order = (c: Container): number => {
    if (c.message !== undefined) return c.message;
    let v = memo.get(c);
    if (v === undefined) memo.set(c, (v = firstMessage(c)));
    return v;
  };
  const toNode = (root: Container): ThreadNode => {
    const top: ThreadNode = { id: root.id, children: [] };
    if (root.message !== undefined) top.message = root.message;
    const stack: [Container, ThreadNode][] = [[root, top]];
    while (stack.length) {
      const [c, n] = stack.pop() as [Container, ThreadNode];
      const kids = [...c.children].sort((a, b) => order(a) - order(b));
      for (const k of kids) {
        const kn: ThreadNode = { id: k.id, children: [] };
        if (k.message !== undefined) kn.message = k.message;
        n.children.push(kn);
        stack.push([k, kn]);
      }
    }
    return top;
  };
  kept.sort((a, b) => order(a) - order(b));
  return { roots: kept.map(toNode), parent };
}

function firstMessage(c: Container): number {
  let best = Number.MAX_SAFE_INTEGER;
  const stack = [c];
  while (stack.length) {
    const x = stack.pop() as Container;
    if (x.message !== undefined && x.message < best) best = x.message;
    stack.push(...x.children);
  }
  return best;
}
