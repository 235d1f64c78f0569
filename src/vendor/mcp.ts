/**
 * The parts of the MCP TypeScript SDK (@modelcontextprotocol/sdk, MIT) that `imid-lens mcp`
 * uses, bundled into dist/mcp-sdk.js by esbuild.mjs: dist/cli.js loads it only for the `mcp`
 * command (src/cli/mcp.ts), so the other commands start as fast as before, and the extension
 * bundles never contain it.
 */
export { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
export { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
