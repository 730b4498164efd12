// Entry point of the batch page: the full wasm module only (it reads every
// format and holds the batch functions), and Web Workers for the checks.
import { createEngine, loadServedModule, OFFICE } from './engine.js';
import { createPool } from './pool.js';
import { startBatch } from './batch.js';

startBatch(createEngine(loadServedModule), OFFICE, createPool);
