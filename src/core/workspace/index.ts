export * from './fs';
export * from './glob';
export * from './latex';
export * from './loc';
export * from './quarto';
export * from './workspace';
