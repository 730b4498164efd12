//! The WebAssembly binding: a thin layer over the core for the page.
