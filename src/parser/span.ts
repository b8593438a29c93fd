// Source positions live in the shared vocabulary (src/vocabulary/span.ts); kept here so existing importers need not change.
export * from '../vocabulary/span.js';
