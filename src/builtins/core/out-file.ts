// out-file (Out-File): writes the input, rendered as the session's plain text, to a file.
// Collects the items first because the text rendering may depend on all of them (columns).
import type { FileHandle } from 'node:fs/promises';
import type { CommandSpec } from '../../runtime/command.js';
import type { Value } from '../../runtime/values.js';
import { fileError, textArg } from '../support/errors.js';
import { openForWriting } from '../support/files.js';

const outFile: CommandSpec = {
  name: 'out-file',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Write the input as text to a file (emits nothing).',
  description:
    'The items are rendered as text the way `--output text` shows them. The file is replaced unless -append. ' +
    'A new file gets the default mode the process umask leaves (often readable by everyone) unless -private.',
  input: 'stream',
  changesState: true,
  parameters: [
    {
      name: 'filepath',
      type: 'string',
      position: 0,
      required: true,
      aliases: ['path'],
      placeholder: 'FILE',
      description: 'The file to write.',
    },
    { name: 'append', type: 'switch', description: 'Add to the end of the file instead of replacing it.' },
    {
      name: 'private',
      type: 'switch',
      description:
        'Make the file readable and writable by its owner only (mode 0600; an existing file is changed to 0600 before anything is written). Without it a new file gets the default mode of the process umask.',
    },
  ],
  examples: [
    { title: 'Save a report', code: "@('line one', 'line two') | out-file notes.txt" },
    {
      title: 'Keep a Temporary Access Pass in a file only you can read',
      code: 'new-tap CameronW@contoso.com -lifetime 60 | foreach temporaryAccessPass | out-file tap.txt -private',
    },
  ],
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
    let handle: FileHandle | undefined;
    try {
      handle = await openForWriting(ctx.resolvePath(file), {
        append: args.append === true,
        private: args.private === true,
      });
      await handle.writeFile(text, 'utf8');
    } catch (e) {
      throw fileError(ctx, 'write', file, e);
    } finally {
      await handle?.close();
    }
  },
};

export default outFile;
