// The public API of output formatting: the output writer the interpreter feeds, the table,
// list and text renderers the format-* commands use, and the stderr diagnostics.
export {
  createOutputWriter,
  OUTPUT_FORMATS,
  type OutputFormat,
  type OutputWriter,
  type OutputWriterOptions,
} from './writer.js';
export {
  formatTable,
  planTable,
  renderTableHeader,
  renderTableRow,
  renderTableFooter,
  tableKeys,
  type TableOptions,
  type TableLayout,
  type TableColumn,
  type CellSecrets,
} from './table.js';
export { formatList, formatListRecord, type ListOptions } from './list.js';
export { formatText, type TextOptions } from './text.js';
export { formatDiagnostic, formatWarning, type DiagnosticOptions } from './diagnostic.js';
export { cellText, displayWidth, formatDateCell, highlight, truncate } from './cells.js';
export { csvField } from './structured.js';
