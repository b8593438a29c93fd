// The tree-walking interpreter: statements, pipelines and control flow. Statements are
// async generators that yield output values and *return* a Completion — break, continue,
// return and exit travel as values, never as exceptions. Only ShellErrors are thrown:
// statement-terminating ones are written and the next statement runs; fatal ones (throw,
// -erroraction stop) unwind to the nearest try (docs/language.md §5).
import type * as A from '../parser/ast.js';
import { ShellError, toShellError } from './errors.js';
import { Scope } from './scope.js';
import { toText, truthy, type Value } from './values.js';
import { errorRecord } from './error-record.js';
import { assignTo, evaluate, pipelineValue } from './expressions.js';
import { commandStream } from './invoke.js';
import { arithmetic, lazyRange } from './operators.js';
import type { Completion, Engine, Frame, RuntimeServices } from './engine.js';

export { MAX_CALL_DEPTH, type Completion, type Frame, type RuntimeServices } from './engine.js';

const NORMAL: Completion = { type: 'normal' };

/** A pipeline's input whose length is known once its head has been evaluated. */
type SizedStream = AsyncGenerator<Value> & { sizeHint?: number };

export class Interpreter implements Engine {
  /** Set by `exit N`; every block unwinds when it sees it. */
  pendingExit: number | undefined;
  /** `$?`: did the last statement succeed (write no error)? */
  lastSuccess = true;
  /** Errors written to stderr (they decide the exit code). */
  errorsWritten = 0;
  /** Every error raised, silenced ones too (they decide `$?`). */
  errorsRaised = 0;

  constructor(readonly rt: RuntimeServices) {}

  /**
   * The breathing clock is process.uptime() (monotonic, in seconds), not performance.now(): the
   * global `performance` loads node:perf_hooks, ~2 ms of every start, for a 25 ms interval.
   */
  private lastBreath = process.uptime();

  checkAbort(): void {
    if (this.rt.signal.aborted || this.rt.stop?.aborted)
      throw new ShellError('Interrupted', 'interrupted', { fatal: true });
  }

  /**
   * Checks for an abort, and every ~25 ms lets the event loop run. A busy pipeline awaits only
   * promises that are already settled, which never yields to timers or signal handlers: without
   * this, Ctrl-C (or any AbortSignal fired by a timer) could not stop `1..1e9 | foreach {…}`.
   */
  async breathe(): Promise<void> {
    this.checkAbort();
    const now = process.uptime();
    if (now - this.lastBreath < 0.025) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastBreath = process.uptime();
    this.checkAbort();
  }

  reportError(err: ShellError): void {
    this.errorsWritten++;
    this.errorsRaised++;
    this.rt.reportError(err);
  }

  /** An error silenced by -erroraction silentlycontinue: not shown, but `$?` turns false. */
  silencedError(): void {
    this.errorsRaised++;
  }

  async *execBlock(statements: readonly A.Statement[], frame: Frame): AsyncGenerator<Value, Completion> {
    for (const s of statements) {
      await this.breathe();
      const c = yield* this.execStatement(s, frame);
      if (c.type !== 'normal') return c;
      if (this.pendingExit !== undefined) return { type: 'exit', code: this.pendingExit };
    }
    return NORMAL;
  }

  async *execStatement(s: A.Statement, frame: Frame): AsyncGenerator<Value, Completion> {
    const before = this.errorsRaised;
    try {
      const c = yield* this.statement(s, frame);
      this.lastSuccess = this.errorsRaised === before;
      return c;
    } catch (e) {
      const err = toShellError(e).at(s.span);
      if (err.fatal || frame.inTry || err.code === 'Interrupted') throw err;
      this.reportError(err);
      this.lastSuccess = false;
      return NORMAL;
    }
  }

  private async *statement(s: A.Statement, frame: Frame): AsyncGenerator<Value, Completion> {
    switch (s.kind) {
      case 'Pipeline':
        yield* this.runPipeline(s, frame);
        return NORMAL;
      case 'Assignment':
        await this.assign(s, frame);
        return NORMAL;
      case 'If': {
        for (const clause of s.clauses) {
          if (truthy(await pipelineValue(this, clause.condition, frame)))
            return yield* this.execBlock(clause.body.body, frame);
        }
        return s.otherwise ? yield* this.execBlock(s.otherwise.body, frame) : NORMAL;
      }
      case 'Foreach':
        return yield* this.foreachLoop(s, frame);
      case 'While':
        while (truthy(await pipelineValue(this, s.condition, frame))) {
          await this.breathe();
          const c = yield* this.execBlock(s.body.body, frame);
          if (c.type === 'break') break;
          if (c.type === 'return' || c.type === 'exit') return c;
        }
        return NORMAL;
      case 'Function':
        frame.scope.defineFunction(s);
        return NORMAL;
      case 'Try':
        return yield* this.tryStatement(s, frame);
      case 'Break':
      case 'Continue':
        return { type: s.kind === 'Break' ? 'break' : 'continue' };
      case 'Return':
        if (s.value) yield* this.runPipeline(s.value, frame);
        return { type: 'return' };
      case 'Throw':
        throw await this.thrown(s, frame);
      case 'Exit': {
        const v = s.value ? await pipelineValue(this, s.value, frame) : 0;
        const code = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(code) || code < 0 || code > 255) {
          throw new ShellError('InvalidArgument', `exit takes a whole number from 0 to 255, not ${JSON.stringify(v)}`, {
            span: s.span,
          });
        }
        this.pendingExit = code;
        return { type: 'exit', code };
      }
    }
  }

  private async thrown(s: A.ValueStatement, frame: Frame): Promise<ShellError> {
    const v = s.value ? await pipelineValue(this, s.value, frame) : null;
    const rec = errorRecord.unwrap(v);
    if (rec) {
      rec.fatal = true;
      return rec;
    }
    const message = v === null ? 'the script stopped (throw)' : typeof v === 'string' ? v : toText(v);
    return new ShellError('RuntimeException', message, {
      span: s.span,
      fatal: true,
      target: v === null || typeof v === 'string' ? undefined : v,
    });
  }

  private async *foreachLoop(s: A.ForeachStatement, frame: Frame): AsyncGenerator<Value, Completion> {
    for await (const item of this.iterate(s.iterable, frame)) {
      await this.breathe();
      frame.scope.set(s.variable, item);
      const c = yield* this.execBlock(s.body.body, frame);
      if (c.type === 'break') break;
      if (c.type === 'return' || c.type === 'exit') return c;
    }
    return NORMAL;
  }

  /** What `foreach (… in X)` walks: a range lazily, an array item by item, a pipeline as it streams. */
  private async *iterate(p: A.Pipeline, frame: Frame): AsyncGenerator<Value> {
    const head = p.elements[0];
    if (p.elements.length === 1 && head.kind !== 'Command') {
      if (head.kind === 'Binary' && head.op === '..') {
        const from = await evaluate(this, head.left, frame);
        const to = await evaluate(this, head.right, frame);
        yield* lazyRange(from, to);
        return;
      }
      const v = await evaluate(this, head, frame);
      if (Array.isArray(v)) yield* v;
      else if (v !== null) yield v;
      return;
    }
    yield* this.runPipeline(p, frame);
  }

  private async *tryStatement(s: A.TryStatement, frame: Frame): AsyncGenerator<Value, Completion> {
    let completion: Completion = NORMAL;
    try {
      completion = yield* this.execBlock(s.body.body, { ...frame, inTry: true });
    } catch (e) {
      const err = toShellError(e);
      if (err.code === 'Interrupted' || !s.handler) throw err;
      const scope = new Scope(frame.scope, true);
      scope.define('_', errorRecord.of(err));
      completion = yield* this.execBlock(s.handler.body, { ...frame, scope });
    } finally {
      if (s.finalizer) {
        const c = yield* this.execBlock(s.finalizer.body, frame);
        if (c.type !== 'normal') completion = c;
      }
    }
    return completion;
  }

  private async assign(s: A.Assignment, frame: Frame): Promise<void> {
    let value = await pipelineValue(this, s.value, frame);
    const t = s.target;
    if (s.op !== '=') value = arithmetic(s.op === '+=' ? '+' : '-', await evaluate(this, t, frame), value);
    await assignTo(this, t, value, frame);
  }

  /** Streams a pipeline: the head (an expression or a command) feeds each later command. */
  async *runPipeline(p: A.Pipeline, frame: Frame): AsyncGenerator<Value> {
    let stream: AsyncIterable<Value> | undefined;
    for (const el of p.elements) {
      if (el.kind === 'Command') stream = commandStream(this, el, frame, stream);
      else {
        // The head's size, once evaluated, lets a bulk command show "done/total" and an ETA.
        const sized: SizedStream = this.expressionStream(el, frame, (n) => (sized.sizeHint = n));
        stream = sized;
      }
    }
    yield* stream!;
  }

  private async *expressionStream(e: A.Expression, frame: Frame, size: (n: number) => void): AsyncGenerator<Value> {
    if (e.kind === 'Binary' && e.op === '..') {
      const from = await evaluate(this, e.left, frame);
      const to = await evaluate(this, e.right, frame);
      let n = 0;
      for (const x of lazyRange(from, to)) {
        if ((++n & 255) === 0) await this.breathe();
        yield x;
      }
      return;
    }
    const v = await evaluate(this, e, frame);
    if (e.kind === 'Cast' && e.type === 'void') return;
    size(Array.isArray(v) ? v.length : v === null ? 0 : 1);
    if (Array.isArray(v)) yield* v;
    else if (v !== null) yield v;
  }
}
