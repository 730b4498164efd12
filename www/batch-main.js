// Entry point of the batch page: the full wasm module only (it reads every
// format and holds the batch functions).
import { createEngine, loadServedModule, OFFICE } from './engine.js';
import { startBatch } from './batch.js';

startBatch(createEngine(loadServedModule), OFFICE);
