// Every built-in command, in one list the runtime registers at start-up. Adding a command is
// adding its file and one line here. Graph commands (src/builtins/graph/) join this list.
import type { CommandSpec } from '../runtime/command.js';
import count from './core/count.js';
import exportCsv from './core/export-csv.js';
import first from './core/first.js';
import foreach from './core/foreach.js';
import formatList from './core/format-list.js';
import formatTable from './core/format-table.js';
import fromJson from './core/from-json.js';
import getCommand from './core/get-command.js';
import getDate from './core/get-date.js';
import group from './core/group.js';
import help from './core/help.js';
import importCsv from './core/import-csv.js';
import last from './core/last.js';
import measure from './core/measure.js';
import outFile from './core/out-file.js';
import select from './core/select.js';
import skip from './core/skip.js';
import sleep from './core/sleep.js';
import sort from './core/sort.js';
import tee from './core/tee.js';
import toJson from './core/to-json.js';
import unique from './core/unique.js';
import where from './core/where.js';
import writeError from './core/write-error.js';
import writeHost from './core/write-host.js';
import writeOutput from './core/write-output.js';

export const coreCommands: readonly CommandSpec[] = [
  where, select, sort, first, last, skip, count, measure, group, unique, foreach, tee,
  importCsv, exportCsv, fromJson, toJson, outFile, formatTable, formatList,
  writeOutput, writeError, writeHost, getDate, sleep, help, getCommand,
];

export const builtinCommands: readonly CommandSpec[] = [...coreCommands];
