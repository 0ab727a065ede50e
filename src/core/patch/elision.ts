/** Lines reviewers put where they cut a quote: `[...]`, `<snip>`, `...`, `[ snip ]`. */
const ELISIONS = new Set(['[...]', '[ ... ]', '[..]', '...', '<snip>', '<snip/>', '[snip]', '[ snip ]', 'snip', '<...>', '[…]', '…', '<snipped>', '[snipped]', '[ ... snip ... ]']);

export function isElision(content: string): boolean {
  if (content.length > 40) return false;
  const t = content.trim();
  if (t.length === 0 || t.length > 24) return false;
  return ELISIONS.has(t.toLowerCase());
}
