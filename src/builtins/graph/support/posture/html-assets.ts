// The HTML report's inline style sheet and its one script (issue 15). Inline because the file must
// open with no network: system fonts only, no url(), no @import. The script sorts a table by the
// header button pressed (buttons are keyboard-reachable) and keeps aria-sort true; numbers
// ("1,480", "74.0%") sort as numbers, text by the reader's locale with numeric collation.

export const STYLE = `
:root { --ink: #1f2933; --muted: #52606d; --rule: #e4e7eb; --panel: #f7f8fa; --accent: #0072b2;
  --good: #009e73; --risk: #d55e00; color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45; font-size: 15px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-variant-numeric: tabular-nums; }
main { max-width: 980px; margin: 0 auto; padding: 28px 24px 48px; }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 22px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 6px; }
h2 { font-size: 19px; margin: 0 0 4px; }
h3 { font-size: 16px; margin: 18px 0 4px; }
.meta { margin: 0; color: var(--muted); font-size: 13px; }
.meta span + span::before { content: "·"; margin: 0 8px; color: #9aa5b1; }
.note { border-left: 4px solid var(--risk); background: #fdf1ea; padding: 8px 12px; margin: 12px 0 0; font-size: 14px; }
.headline { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 2fr); gap: 20px; align-items: start;
  margin-bottom: 26px; }
.hero { background: var(--panel); border-radius: 10px; padding: 18px 20px; }
.hero .figure { font-size: 56px; font-weight: 700; line-height: 1; color: var(--accent); letter-spacing: -.02em; }
.hero .what { font-size: 17px; font-weight: 600; margin: 6px 0 4px; }
.hero p { margin: 0; color: var(--muted); font-size: 14px; }
.cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; margin: 0; padding: 0; }
.card { list-style: none; border: 1px solid var(--rule); border-radius: 8px; padding: 10px 12px; }
.card .value { font-size: 24px; font-weight: 700; line-height: 1.1; }
.card .label { font-size: 13px; font-weight: 600; }
.card .sub { font-size: 12px; color: var(--muted); }
.card.good .value { color: var(--good); }
.card.risk .value { color: var(--risk); }
.delta { white-space: nowrap; }
section { margin: 0 0 28px; }
section > .lead { margin: 0 0 10px; color: var(--muted); font-size: 14px; }
figure { margin: 0; }
.pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 28px; align-items: start; }
.pair .table-wrap { margin-top: 0; }
figure svg { display: block; max-width: 100%; height: auto; }
.table-wrap { overflow: auto; max-height: 30rem; border: 1px solid var(--rule); border-radius: 8px; margin-top: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 8px 10px; color: var(--muted); }
th, td { text-align: left; padding: 6px 10px; border-top: 1px solid var(--rule); vertical-align: top;
  overflow-wrap: break-word; }
thead th { position: sticky; top: 0; background: var(--panel); border-top: 0; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fbfcfd; }
th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th button::after { content: " ↕"; color: #9aa5b1; }
th[aria-sort="ascending"] button::after { content: " ▲"; color: var(--accent); }
th[aria-sort="descending"] button::after { content: " ▼"; color: var(--accent); }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.all-clear { border-left: 4px solid var(--good); background: #eaf7f2; padding: 8px 12px; margin: 6px 0 0; }
.more { font-size: 13px; color: var(--muted); margin: 6px 0 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; border: 0; padding: 0; margin: -1px; }
footer { border-top: 1px solid var(--rule); padding-top: 10px; color: var(--muted); font-size: 12px; }
@media (max-width: 720px) {
  main { padding: 18px 14px 36px; }
  h1 { font-size: 22px; }
  .headline, .pair { grid-template-columns: minmax(0, 1fr); }
  .hero .figure { font-size: 44px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  table { font-size: 12px; }
  th, td { padding: 5px 7px; }
}
@media (max-width: 600px) {
  table.stack thead { display: block; background: var(--panel); }
  table.stack thead tr { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 6px 10px; }
  table.stack thead th { position: static; padding: 0; border: 0; }
  table.stack caption, table.stack tbody, table.stack tr, table.stack td { display: block; }
  table.stack tbody tr { padding: 6px 10px; border-top: 1px solid var(--rule); }
  table.stack td { border: 0; padding: 1px 0; overflow-wrap: anywhere; }
  table.stack td::before { content: attr(data-label) ": "; color: var(--muted); font-size: 11px; }
}
@media print {
  @page { margin: 14mm; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .hero { background: none; border: 1px solid #999; }
  .table-wrap { overflow: visible; max-height: none; border: 0; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, figure, .card, .hero { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  th button::after { content: ""; }
  tbody tr:nth-child(even) { background: none; }
}
`;

export const SCRIPT = `(function () {
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  function key(cell) {
    var t = cell.textContent.trim();
    var n = t.replace(/[,%]/g, '');
    return n !== '' && isFinite(n) ? Number(n) : t;
  }
  function compare(x, y) {
    return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.querySelector('button').addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        // Each row's key read once, then sorted: a 5,000-row list sorts at once.
        var rows = Array.prototype.map.call(body.rows, function (r, n) { return { row: r, key: key(r.cells[i]), n: n }; });
        rows.sort(function (a, b) { return (ascending ? compare(a.key, b.key) : compare(b.key, a.key)) || a.n - b.n; });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (r) { fragment.appendChild(r.row); });
        body.appendChild(fragment);
      });
    });
  });
})();`;
