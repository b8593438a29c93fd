// Small helpers for reading Chevrotain's CST: children in source order, offsets, images.
import type { CstElement, CstNode, IToken } from 'chevrotain';

export function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

export function startOf(e: CstElement): number {
  const offset = (e as IToken).startOffset;
  return offset !== undefined ? offset : ((e as CstNode).location?.startOffset ?? 0);
}

export function endOf(e: CstElement): number {
  return isToken(e) ? (e.endOffset ?? e.startOffset) : (e.location?.endOffset ?? e.location?.startOffset ?? 0);
}

/**
 * Every child of a node, tokens and sub-nodes alike, in source order. Each kind's list is
 * already in order, and nodes have few children, so an insertion sort on cached offsets beats
 * Array.prototype.sort with a comparator (this runs for most nodes of a big script).
 */
export function ordered(node: CstNode): CstElement[] {
  const all: CstElement[] = [];
  const offsets: number[] = [];
  for (const key in node.children) {
    for (const e of node.children[key]!) {
      const offset = startOf(e);
      let i = all.length;
      while (i > 0 && offsets[i - 1]! > offset) {
        all[i] = all[i - 1]!;
        offsets[i] = offsets[i - 1]!;
        i--;
      }
      all[i] = e;
      offsets[i] = offset;
    }
  }
  return all;
}

export function tokens(node: CstNode, name: string): IToken[] {
  return (node.children[name] as IToken[] | undefined) ?? [];
}

export function nodes(node: CstNode, name: string): CstNode[] {
  return (node.children[name] as CstNode[] | undefined) ?? [];
}

export function token(node: CstNode, name: string): IToken | undefined {
  return (node.children[name] as IToken[] | undefined)?.[0];
}

export function child(node: CstNode, name: string): CstNode | undefined {
  return (node.children[name] as CstNode[] | undefined)?.[0];
}

/** The first child of a node that has exactly one kind of child (no sorting needed). */
export function single(node: CstNode): CstElement | undefined {
  for (const key in node.children) return node.children[key]![0];
  return undefined;
}

/** How many children a node has, over all kinds. */
export function childCount(node: CstNode): number {
  let n = 0;
  for (const key in node.children) n += node.children[key]!.length;
  return n;
}
