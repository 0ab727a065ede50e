/** The subject facts b4 uses to sort messages into series (b4's LoreSubject). */
export interface B4Subject {
  reply: boolean;
  revision: number;
  revisionInferred: boolean;
  counter: number;
  expected: number;
  countersInferred: boolean;
  patch: boolean;
  resend: boolean;
}

export function b4Subject(raw: string): B4Subject {
  let s = raw.replace(/\s+/g, ' ').trim();
  const out: B4Subject = {
    reply: false, revision: 1, revisionInferred: true, counter: 1, expected: 1,
    countersInferred: true, patch: false, resend: false,
  };
  if (/^(Re|Aw|Fwd):/i.test(s) || /^[\p{L}\p{N}_]{2,3}:\s*\[/u.test(s)) {
    out.reply = true;
    return out;
  }
  // Brackets inside brackets are flattened, as b4 does.
  for (let guard = 0; guard < 100; guard++) {
    const before = s;
    s = s.replace(/\[([^\]]*)\[([^[\]]*)]/, '[$1$2]').replace(/\[([^\]]*)]([^[\]]*)]/, '[$1$2]');
    if (before === s) break;
  }
  while (s.startsWith('[')) {
    const m = /^\[([^\]]*)]/.exec(s);
    if (!m) break;
    const inner = m[1].trim().replace(/(patch)(v\d+)/gi, '$1 $2');
    for (const raw of inner.split(/\s+/)) {
      const chunk = raw.replace(/^[,;]+|[,;]+$/g, '');
      if (/^\d{1,4}\/\d{1,4}$/.test(chunk)) {
        const [a, b] = chunk.split('/');
        out.counter = Number(a);
        out.expected = Number(b);
        out.countersInferred = false;
      } else if (/^v\d+$/i.test(chunk)) {
        out.revision = Number(chunk.slice(1));
        out.revisionInferred = false;
      } else if (chunk.toLowerCase().startsWith('resend')) out.resend = true;
      else if (chunk.toLowerCase().startsWith('patch')) out.patch = true;
    }
    s = s.replace(/^\s*\[[^\]]*]\s*/, '');
  }
  if (out.counter > out.expected) out.expected = out.counter;
  return out;
}
