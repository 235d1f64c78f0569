// Virtual modules provided by esbuild.mjs at build time.
declare module 'imid-lens:data' {
  import type { BundledData } from '../core/data/types';
  /**
   * tries: trie regex sources of the bundled data, by key (src/core/termdb.ts primeTrieSources);
   * needs: the words each bundled claim pattern needs, by key (src/core/rules/claims.ts primeNeeds);
   * both computed by the build.
   */
  const data: BundledData & { readonly tries?: ReadonlyArray<readonly [string, string]>; readonly needs?: ReadonlyArray<readonly [string, ReadonlyArray<readonly string[]>]> };
  export default data;
}

declare module 'imid-lens:validators' {
  export interface AjvError {
    instancePath: string;
    message?: string;
    keyword: string;
    params: Record<string, unknown>;
  }
  export interface Validator {
    (value: unknown): boolean;
    errors?: AjvError[] | null;
  }
  export const validateConfig: Validator;
}
