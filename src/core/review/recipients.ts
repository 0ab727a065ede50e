// Who the reply goes to, as kernel lists expect ("reply to all"): the patch's author in
// To, everyone the patch was sent or copied to in Cc, the reviewer left out.
import { addressParser } from 'postal-mime';
import type { Address, Message } from '../mail/types';

function list(m: Message, header: string): Address[] {
  const out: Address[] = [];
  for (const h of m.headers) {
    if (h.name.toLowerCase() !== header) continue;
    try {
      for (const a of addressParser(h.value, { flatten: true })) {
        if (a.address && a.address.includes('@')) out.push({ name: a.name ?? '', address: a.address });
      }
    } catch {
      // an unparseable list adds no one: the sender can still add recipients by hand
    }
  }
  return out;
}

export function recipients(m: Message, me?: Address): { to: Address[]; cc: Address[] } {
  const seen = new Set<string>();
  if (me?.address) seen.add(me.address.toLowerCase());
  const take = (as: Address[]): Address[] => as.filter((a) => {
    const k = a.address.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const to = take(m.from.address.includes('@') ? [m.from] : []);
  const cc = take([...list(m, 'to'), ...list(m, 'cc')]);
  return { to, cc };
}
