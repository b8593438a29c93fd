// out-file (Out-File): writes the input, rendered as the session's plain text, to a file.
// Collects the items first because the text rendering may depend on all of them (columns).
import * as fs from 'node:fs/promises';
import type { CommandSpec } from '../../runtime/command.js';
import type { Value } from '../../runtime/values.js';
import { fileError, textArg } from '../support/errors.js';

const outFile: CommandSpec = {
  name: 'out-file',
  category: 'core',
  synopsis: 'Write the input as text to a file (emits nothing).',
  description: 'The items are rendered as text the way `--output text` shows them. The file is replaced unless -append.',
  input: 'stream',
  changesState: true,
  parameters: [
    { name: 'filepath', type: 'string', position: 0, required: true, aliases: ['path'], placeholder: 'FILE', description: 'The file to write.' },
    { name: 'append', type: 'switch', description: 'Add to the end of the file instead of replacing it.' },
  ],
  examples: [{ title: 'Save a report', code: "@('line one', 'line two') | out-file notes.txt" }],
  async *run(ctx, args) {
    const file = textArg(ctx, args, 'filepath', 'a file path');
    const items: Value[] = [];
    for await (const item of ctx.input) items.push(item);
    if (ctx.whatIf) {
      ctx.host.info(`what if: write ${items.length} item${items.length === 1 ? '' : 's'} to '${file}'`);
      return;
    }
    let text = items.length === 0 ? '' : ctx.render(items, 'text');
    if (text !== '' && !text.endsWith('\n')) text += '\n';
    try {
      await fs[args.append === true ? 'appendFile' : 'writeFile'](ctx.resolvePath(file), text, 'utf8');
    } catch (e) {
      throw fileError(ctx, 'write', file, e);
    }
  },
};

export default outFile;
