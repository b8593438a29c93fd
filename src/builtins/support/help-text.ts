// The text `help` shows: a command's synopsis, syntax line, parameters and examples, built
// from its CommandSpec alone, so a new command documents itself by being declared.
import type { CommandInfo, CommandSpec, ParameterSpec } from '../../runtime/command.js';

const TYPE_PLACEHOLDERS: Record<ParameterSpec['type'], string> = {
  string: 'TEXT',
  strings: 'TEXT,…',
  number: 'NUMBER',
  int: 'N',
  switch: '',
  bool: '$true|$false',
  scriptblock: '{ … }',
  datetime: 'DATE',
  any: 'VALUE',
};

function placeholder(p: ParameterSpec): string {
  if (p.values && p.values.length > 0 && p.values.length <= 6) return p.values.join('|');
  return p.placeholder ?? TYPE_PLACEHOLDERS[p.type];
}

function syntaxPart(p: ParameterSpec): string {
  if (p.conditions) return `[${placeholder(p)}…]`;
  if (p.type === 'switch') return `[-${p.name}]`;
  const value = `${placeholder(p)}${p.remaining ? '…' : ''}`;
  if (p.position !== undefined) return p.required ? `[-${p.name}] ${value}` : `[[-${p.name}] ${value}]`;
  return p.required ? `-${p.name} ${value}` : `[-${p.name} ${value}]`;
}

/**
 * Parameters as help shows them: switches sharing one description (where's operators) are
 * one entry, so `-eq|-ne|…` reads as a choice instead of thirty lines.
 */
function entries(params: readonly ParameterSpec[]): ParameterSpec[][] {
  const out: ParameterSpec[][] = [];
  const bySwitchText = new Map<string, ParameterSpec[]>();
  for (const p of params) {
    const shared = p.type === 'switch' && !p.aliases?.length ? bySwitchText.get(p.description) : undefined;
    if (shared) shared.push(p);
    else {
      const entry = [p];
      out.push(entry);
      if (p.type === 'switch') bySwitchText.set(p.description, entry);
    }
  }
  return out;
}

/** The one-line usage: positional parameters in order, then named ones, then switches. */
export function syntaxLine(spec: CommandSpec): string {
  const rank = (p: ParameterSpec): number =>
    p.position !== undefined ? p.position : p.conditions ? 1000 : p.type === 'switch' ? 3000 : 2000;
  const groups = entries(spec.parameters).sort((a, b) => rank(a[0]!) - rank(b[0]!));
  const parts = groups.map((g) => (g.length > 1 ? `[${g.map((p) => `-${p.name}`).join('|')}]` : syntaxPart(g[0]!)));
  return [spec.name, ...parts].join(' ');
}

function parameterLines(p: ParameterSpec): string[] {
  const facts: string[] = [];
  if (p.required) facts.push('required');
  if (p.position !== undefined) facts.push(`position ${p.position}${p.remaining ? ' and after' : ''}`);
  if (p.fromPipeline)
    facts.push(
      `from the pipeline ${{ value: 'by value', property: 'by property name', both: 'by property name or by value' }[p.fromPipeline]}`,
    );
  if (p.values && placeholder(p) !== p.values.join('|')) facts.push(`one of: ${p.values.join(', ')}`);
  if (p.aliases && p.aliases.length > 0) facts.push(`aliases: ${p.aliases.map((a) => `-${a}`).join(', ')}`);
  const value = placeholder(p);
  const head = p.conditions ? `  ${value}…` : `  -${p.name}${value ? ` ${value}` : ''}`;
  const first = facts.length > 0 ? `${head}  (${facts.join('; ')})` : head;
  return p.description.trim() === '' ? [first] : [first, `      ${p.description}`];
}

/** The full help text of one command. */
export function commandHelp(info: CommandInfo): string {
  const spec = info.spec;
  const lines = [`${spec.name} — ${spec.synopsis}`];
  if (spec.aliases && spec.aliases.length > 0) lines.push(`Aliases: ${spec.aliases.join(', ')}`);
  if (info.kind === 'function') lines.push('A function defined in this session.');
  if (spec.description) lines.push('', spec.description);
  lines.push('', 'Syntax:', `  ${syntaxLine(spec)}`);
  if (spec.parameters.length > 0) {
    lines.push('', 'Parameters:');
    for (const group of entries(spec.parameters)) {
      if (group.length === 1) lines.push(...parameterLines(group[0]!));
      else lines.push(`  ${group.map((p) => `-${p.name}`).join(' ')}`, `      ${group[0]!.description}`);
    }
  }
  const common = ['-erroraction stop|continue|silentlycontinue (-ea)'];
  if (spec.changesState) common.push('-whatif');
  if (spec.concurrent && spec.input === 'item')
    common.push('-checkpoint FILE (record finished items; run again with FILE to do only what is left)');
  lines.push('', `Common parameters: ${common.join(', ')}`);
  if (spec.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const ex of spec.examples) {
      lines.push(`  ${ex.title}`, ...ex.code.split('\n').map((l) => `    > ${l}`));
      for (const v of ex.output ?? []) lines.push(`    ${JSON.stringify(v)}`);
      lines.push('');
    }
    lines.pop();
  }
  return lines.join('\n');
}

/** The group help and get-command show a command in: what it works on, or where it was defined. */
export function categoryOf(info: CommandInfo): 'core' | 'graph' | 'function' {
  if (info.kind === 'function') return 'function';
  return info.spec.needsGraph ? 'graph' : 'core';
}

/** Names and synopses grouped by category (functions apart), for `help` with no name or a wildcard. */
export function commandList(infos: readonly CommandInfo[], title: string): string {
  const groups = new Map<string, CommandInfo[]>();
  for (const info of infos) {
    const group = info.kind === 'function' ? 'functions' : `${categoryOf(info)} commands`;
    groups.set(group, [...(groups.get(group) ?? []), info]);
  }
  const width = Math.max(...infos.map((i) => i.name.length)) + 2;
  const lines = [title];
  for (const [group, members] of [...groups].sort(([a], [b]) =>
    a === 'functions' ? 1 : b === 'functions' ? -1 : a.localeCompare(b),
  )) {
    lines.push('', `${group}:`);
    for (const m of [...members].sort((a, b) => a.name.localeCompare(b.name)))
      lines.push(`  ${m.name.padEnd(width)}${m.spec.synopsis}`);
  }
  lines.push(
    '',
    "Type `help NAME` for one command's parameters and examples; `help *user*` lists the commands matching a pattern.",
  );
  return lines.join('\n');
}
