/**
 * The libraries that read Word documents, bundled on their own as dist/docx.js (esbuild.mjs):
 * dist/cli.js loads it only when it meets a .docx, and the extension bundles never do.
 */
export { convertToHtml } from 'mammoth';
export { unzipSync } from 'fflate';
