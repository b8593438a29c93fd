// write-host (Write-Host): text for people, on stderr through ctx.host, never on the output
// stream (stdout carries values only). Colour only when the host says the terminal has it.
import pc from 'picocolors';
import type { CommandSpec } from '../../runtime/command.js';
import { toText, type Value } from '../../runtime/values.js';
import { flatten } from '../support/properties.js';

type Paint = (s: string) => string;

const COLORS = [
  'Black',
  'DarkBlue',
  'DarkGreen',
  'DarkCyan',
  'DarkRed',
  'DarkMagenta',
  'DarkYellow',
  'Gray',
  'DarkGray',
  'Blue',
  'Green',
  'Cyan',
  'Red',
  'Magenta',
  'Yellow',
  'White',
] as const;

function painter(color: string | undefined, enabled: boolean): Paint {
  if (!color || !enabled) return (s) => s;
  const c = pc.createColors(true);
  // PowerShell's plain names are the bright colours; its Dark* names are the normal ones.
  const table: Record<string, Paint> = {
    black: c.black,
    darkblue: c.blue,
    darkgreen: c.green,
    darkcyan: c.cyan,
    darkred: c.red,
    darkmagenta: c.magenta,
    darkyellow: c.yellow,
    gray: c.white,
    darkgray: c.gray,
    blue: c.blueBright,
    green: c.greenBright,
    cyan: c.cyanBright,
    red: c.redBright,
    magenta: c.magentaBright,
    yellow: c.yellowBright,
    white: c.whiteBright,
  };
  return table[color.toLowerCase()] ?? ((s) => s);
}

const writeHost: CommandSpec = {
  name: 'write-host',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Show text to the person running the script (on stderr, not in the output).',
  description:
    'The arguments are joined with -separator (default a space); piped items are shown one line each. Emits nothing.',
  input: 'stream',
  parameters: [
    { name: 'object', type: 'any', position: 0, remaining: true, placeholder: 'TEXT', description: 'What to show.' },
    { name: 'nonewline', type: 'switch', description: 'Do not end the line.' },
    {
      name: 'separator',
      type: 'string',
      placeholder: 'TEXT',
      description: 'Put between the values (default a space).',
    },
    {
      name: 'foregroundcolor',
      type: 'string',
      aliases: ['fg'],
      values: COLORS,
      placeholder: 'COLOR',
      description: 'The text colour (shown only on a colour terminal).',
    },
  ],
  examples: [
    {
      title: 'Show progress without adding to the output',
      code: "write-host 'checking users…' -foregroundcolor Cyan; 42",
      output: [42],
    },
  ],
  async *run(ctx, args) {
    const separator = typeof args.separator === 'string' ? args.separator : ' ';
    const paint = painter(args.foregroundcolor as string | undefined, ctx.host.color);
    const show = (values: Value[]): void => {
      const text = paint(values.map(toText).join(separator));
      if (args.nonewline === true && ctx.host.write) ctx.host.write(text);
      else ctx.host.info(text);
    };
    const values = flatten(args.object).flatMap(flatten);
    if (values.length > 0 || !ctx.hasInput) show(values);
    // Piped items are shown one line each, as they arrive.
    for await (const item of ctx.input) show(flatten(item));
  },
};

export default writeHost;
