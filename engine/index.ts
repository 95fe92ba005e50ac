// pipy-ts/engine: the pipeline runtime and everything that touches the network. `bin/pipy` uses only
// what this file exports.

export { runFile, Program } from './program.js';
export type { RunOptions } from './program.js';
export { filterTable } from './configuration.js';
export { spawnCount, shouldSpawn, runPrimary } from './spawn.js';
export { startAdmin } from './admin/index.js';
export type { AdminCliOptions } from './admin/index.js';
export type { FilterSpec } from './configuration.js';
export { setLogLevel, isLogLevel, setLogSink } from './log.js';
export type { Level } from './log.js';
export { moduleGraph } from './graph.js';
export { HttpDecoder } from './codec/http/decoder.js';
export { HttpEncoder } from './codec/http/encoder.js';

/** Version information printed by `pipy --version` (labels padded as Pipy pads them). */
export const versionInfo = {
  version: '0.30.0-184',
  commit: 'pipy-ts',
  commitDate: '',
  host: `${process.platform} ${process.arch}, Node ${process.version}`,
  openssl: `OpenSSL ${process.versions.openssl}`,
};
