// The user-error type lives in the shared vocabulary (src/vocabulary/errors.ts); kept here so existing importers need not
// change.
export * from '../vocabulary/errors.js';
