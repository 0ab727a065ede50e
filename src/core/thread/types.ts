export interface ThreadNode {
  /** Message index, or undefined for a container standing for a message not in the file. */
  message?: number;
  /** Message-ID of that container (missing parents keep their id). */
  id: string;
  children: ThreadNode[];
}

export interface Series {
  /** Stable key: normalised title plus version. */
  key: string;
  title: string;
  version: number;
  prefixes: string[];
  rfc: boolean;
  total?: number;
  /** Message index of the cover letter (index 0), if present. */
  cover?: number;
  /**
   * Message indices of the patches, by 1-based index; after a resend two different
   * messages can have the same number, so each slot is a list, newest last.
   */
  patches: Record<number, number[]>;
}

export interface Thread {
  roots: ThreadNode[];
  /** For each message index, the index of its parent message in the file, if any. */
  parent: (number | undefined)[];
  series: Series[];
}
