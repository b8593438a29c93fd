// One call of a built-in, as the runners of its items see it: the command, its context and
// binding, and the checkpoint and confirmation that guard its changes (checkpointed.ts,
// concurrent.ts).
import type * as A from '../parser/ast.js';
import type { Binder, Binding } from './binder.js';
import type { CommandSpec } from './command.js';
import type { CommandContextImpl } from './context.js';
import type { Checkpoint } from './checkpoint.js';
import type { Confirmation } from './confirm.js';
import type { Engine } from './engine.js';

export interface Job {
  interp: Engine;
  spec: CommandSpec;
  ctx: CommandContextImpl;
  binder: Binder;
  binding: Binding;
  call: A.CommandCall;
  checkpoint: Checkpoint | undefined;
  /** Interactive confirmation of destructive changes, when one is to be asked. */
  confirmation?: Confirmation;
}
