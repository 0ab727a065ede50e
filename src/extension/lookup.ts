// Which analysis and which hunks belong to an open document: its own analysis, or, for a
// decoded body part, the analysis of the document the part came from.
import * as vscode from 'vscode';
import type { Analysis, HunkView } from './model';
import type { AnalysisStore } from './store';
import { parseDecoded, showsPlace, type Place } from './places';
import type { DiscussionEntry } from '../core/discussion/types';

export interface DocView {
  source: vscode.Uri;
  analysis: Analysis;
  /** Hunks whose positions index this document, in document order. */
  hunks: HunkView[];
}

export function hunkPlace(h: HunkView): Place {
  return { view: h.hunk.view, part: h.hunk.part, start: h.hunk.span.start, end: h.hunk.span.end };
}

export function commentPlace(c: DiscussionEntry): Place {
  const l = c.quote ?? c.comment;
  return { view: l.view, part: l.part, start: l.span.start, end: l.span.end };
}

export function docView(store: AnalysisStore, uri: vscode.Uri): DocView | undefined {
  const decoded = parseDecoded(uri);
  const source = decoded && !decoded.gz ? decoded.src : uri;
  const analysis = store.get(source);
  if (!analysis) return undefined;
  const hunks = analysis.hunks
    .filter((h) => showsPlace(uri, source, hunkPlace(h)))
    .sort((a, b) => a.hunk.span.start - b.hunk.span.start);
  return { source, analysis, hunks };
}

/** The hunk whose span contains `offset`, else the nearest one starting before it. */
export function hunkAt(view: DocView, offset: number): HunkView | undefined {
  let before: HunkView | undefined;
  for (const h of view.hunks) {
    if (h.hunk.span.start <= offset && offset <= h.hunk.span.end) return h;
    if (h.hunk.span.start <= offset) before = h;
  }
  return before;
}
