// Entry point of the served page: starts the UI on the wasm modules,
// loaded as the page's own JS modules (no fetch).
import { createEngine, loadServedModule } from './engine.js';
import { start } from './app.js';
import './form.js';
import './summary.js';
import './compare.js';
import './certificate.js';

start(createEngine(loadServedModule));
