/** Public surface of the pure core (no 'vscode', no 'node:*'). */
export * from './document';
export * from './findings';
export * from './prose/index';
export * from './termdb';
export * from './scanner';
export * from './sentences';
export * from './engine';
export * from './lint';
export * from './session';
export * from './fixes';
export * from './hover';
export * from './complete';
export * from './config';
export * from './bundled';
export * from './citations/index';
export type * from './data/types';
export { FRAME_RULES, FrameEngine, documentDate, setFrameDebug, type FrameRule } from './frames/index';
export * from './workspace/index';
