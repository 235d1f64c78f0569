/**
 * Quarto projects: `bibliography:` in `_quarto.yml` (the project root, found
 * upwards from the document) and in `_metadata.yml` files of the folders
 * between the project root and the document. Read with the `yaml` library
 * (already bundled for CSL-YAML, loaded lazily in the Node bundles); an
 * unreadable file contributes nothing.
 */
import { parseAllDocuments } from 'yaml';

/** The `bibliography:` paths at the top level of a Quarto YAML file (a string or a list). */
export function yamlBibliographies(text: string): string[] {
  let doc: unknown;
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
    const first = Array.isArray(docs) ? docs[0] : undefined;
    if (!first || first.errors.length) return [];
    doc = first.toJS();
  } catch {
    return [];
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [];
  const b = (doc as Record<string, unknown>).bibliography;
  const list = typeof b === 'string' ? [b] : Array.isArray(b) ? b : [];
  return list.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
}
