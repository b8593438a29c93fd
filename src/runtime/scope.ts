// Variable scopes. Lookups are case-insensitive and walk outwards; assignment writes the
// innermost scope (PowerShell's rule), except in a "transparent" scope — the one a command
// such as foreach/where gives its script block — which keeps only $_ and passes writes on,
// so `1..3 | foreach { $sum += $_ }` adds to the caller's $sum as it does in PowerShell.
import type { Value } from './values.js';
import type { FunctionDefinition } from '../parser/ast.js';

export class Scope {
  private readonly vars = new Map<string, Value>();
  /** Each variable's name as first set here, for messages and completion (lookups ignore case). */
  private readonly spelling = new Map<string, string>();
  private readonly functions = new Map<string, FunctionDefinition>();
  /** set-strict: held by the session's root scope, so it holds for the whole session or script. */
  private strictMode = false;

  constructor(
    readonly parent: Scope | undefined,
    private readonly transparent = false,
  ) {}

  /** This scope and its ancestors, innermost first. */
  private *chain(): Generator<Scope> {
    for (let s: Scope | undefined = this as Scope; s; s = s.parent) yield s;
  }

  lookup(name: string): { found: boolean; value: Value } {
    const key = name.toLowerCase();
    for (const s of this.chain()) {
      if (s.vars.has(key)) return { found: true, value: s.vars.get(key)! };
    }
    return { found: false, value: null };
  }

  private root(): Scope {
    return this.parent ? this.parent.root() : this;
  }

  /** Whether reading an unset variable is an error (set-strict). */
  get strict(): boolean {
    return this.root().strictMode;
  }

  set strict(on: boolean) {
    this.root().strictMode = on;
  }

  get(name: string): Value {
    return this.lookup(name).value;
  }

  set(name: string, value: Value): void {
    const key = name.toLowerCase();
    if (this.transparent && this.parent && key !== '_' && key !== 'args' && !this.vars.has(key)) {
      this.parent.set(name, value);
      return;
    }
    this.store(key, name, value);
  }

  private store(key: string, name: string, value: Value): void {
    if (!this.spelling.has(key)) this.spelling.set(key, name);
    this.vars.set(key, value);
  }

  /** Sets a variable in this scope itself, never passing it on ($_, $args, parameters). */
  define(name: string, value: Value): void {
    this.store(name.toLowerCase(), name, value);
  }

  /** Every variable visible here, innermost first, each spelt as first set. */
  names(): string[] {
    const all = new Map<string, string>();
    for (const s of this.chain()) for (const k of s.vars.keys()) if (!all.has(k)) all.set(k, s.spelling.get(k) ?? k);
    return [...all.values()];
  }

  defineFunction(def: FunctionDefinition): void {
    if (this.transparent && this.parent) this.parent.defineFunction(def);
    else this.functions.set(def.name.toLowerCase(), def);
  }

  findFunction(name: string): FunctionDefinition | undefined {
    const key = name.toLowerCase();
    for (const s of this.chain()) {
      const f = s.functions.get(key);
      if (f) return f;
    }
    return undefined;
  }

  functionNames(): string[] {
    const all = new Set<string>();
    for (const s of this.chain()) for (const f of s.functions.values()) all.add(f.name);
    return [...all];
  }
}
