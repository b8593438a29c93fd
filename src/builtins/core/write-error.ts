// write-error (Write-Error): writes a non-terminating error (code WriteError unless -code),
// so a script can report one failed item and go on; under -erroraction stop it terminates.
import type { CommandSpec } from '../../runtime/command.js';
import { ShellError } from '../../runtime/errors.js';
import { toText } from '../../runtime/values.js';
import { flatten } from '../support/properties.js';

const writeError: CommandSpec = {
  name: 'write-error',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Write a non-terminating error and go on.',
  description:
    'The words of the message are joined with spaces. The error counts towards the exit code (1) and sets $? to false.',
  input: 'none',
  parameters: [
    {
      name: 'message',
      type: 'any',
      position: 0,
      remaining: true,
      required: true,
      placeholder: 'MESSAGE',
      description: 'The error message.',
    },
    {
      name: 'code',
      type: 'string',
      aliases: ['errorid'],
      placeholder: 'CODE',
      description: "The error's code, as `$_.code` shows it (default WriteError).",
    },
    {
      name: 'targetobject',
      type: 'any',
      aliases: ['target'],
      description: 'The item the error concerns, as `$_.target` shows it.',
    },
  ],
  examples: [{ title: 'Report a problem and go on', code: "write-error 'no phone for Ana'; 'next'", output: ['next'] }],
  async *run(ctx, args) {
    const message = flatten(args.message).map(toText).join(' ');
    const code = typeof args.code === 'string' && args.code !== '' ? args.code : 'WriteError';
    const options =
      args.targetobject === undefined ? { span: ctx.span } : { span: ctx.span, target: args.targetobject };
    ctx.writeError(new ShellError(code, message === '' ? 'write-error was called with no message' : message, options));
  },
};

export default writeError;
