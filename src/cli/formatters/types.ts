import type { Finding, Suppressed } from '../../core/index';

export interface FileResult {
  /** Path as shown to the user (relative to the working directory, forward slashes). */
  file: string;
  findings: Finding[];
  suppressed: Suppressed[];
  /** Set when the file could not be linted (unreadable, binary). */
  skipped?: string;
  /** The text the findings' offsets refer to (for excerpts). */
  text?: string;
}
