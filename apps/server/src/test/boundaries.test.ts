import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The server's boundaries, checked on every run (STYLE.md §1, §3, §10):
 * - a module is `modules/<name>` (a channel or compat layer: `modules/channels/<name>`);
 *   another module reaches it only through its `index.ts`;
 * - modules depend on each other without cycles, counting type-only imports;
 * - `platform/`, `db/` and `config/` import no module;
 * - inside modules, only repositories run SQL;
 * - lists are paged by the one helper in `platform/http/pagination.ts`.
 * Tests and test helpers are exempt: they may reach in to check what they test.
 */
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type SourceFile = { file: string; text: string; imports: string[] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'test' || entry.name === 'testing' ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.(test|testing)\.ts$/.test(entry.name) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(src, file).split(path.sep).join('/');

/** The module a file belongs to, or its top folder outside `modules/`. */
export function moduleOf(file: string): string {
  const parts = relative(file).split('/');
  if (parts[0] !== 'modules') return parts[0]!;
  if (parts[1] === 'channels' || parts[1] === 'compat') return parts.slice(0, 3).join('/');
  return parts.slice(0, 2).join('/');
}

function load(): SourceFile[] {
  return sourceFiles(src).map((file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
      path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '.ts'),
    );
    return { file, text, imports };
  });
}

/** Module → modules it imports, with the file that does so for each edge. */
function moduleGraph(files: SourceFile[]) {
  const graph = new Map<string, Map<string, string>>();
  for (const { file, imports } of files) {
    const from = moduleOf(file);
    if (!from.startsWith('modules/')) continue;
    for (const target of imports) {
      const to = moduleOf(target);
      if (to === from || !to.startsWith('modules/')) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      graph.get(from)!.set(to, relative(file));
    }
  }
  return graph;
}

/** Every cycle's modules, found as strongly connected components of more than one module. */
export function cyclesOf(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const files = load();

describe('module boundaries', () => {
  it('reaches another module only through its index.ts', () => {
    const deep = files.flatMap(({ file, imports }) =>
      imports
        .filter((target) => {
          const to = moduleOf(target);
          return to.startsWith('modules/') && to !== moduleOf(file) && relative(target) !== `${to}/index.ts`;
        })
        .map((target) => `${relative(file)} → ${relative(target)}`),
    );
    expect(deep).toEqual([]);
  });

  it('has no cycles between modules', () => {
    const graph = moduleGraph(files);
    const described = cyclesOf(graph).map((cycle) =>
      cycle
        .flatMap((from) =>
          cycle.filter((to) => graph.get(from)?.has(to)).map((to) => `${graph.get(from)!.get(to)} → ${to}`),
        )
        .join('; '),
    );
    expect(described).toEqual([]);
  });

  it('keeps platform, db and config free of modules', () => {
    const inward = files
      .filter(({ file }) => ['platform', 'db', 'config'].includes(moduleOf(file)))
      .flatMap(({ file, imports }) =>
        imports
          .filter((t) => moduleOf(t).startsWith('modules/'))
          .map((t) => `${relative(file)} → ${relative(t)}`),
      );
    expect(inward).toEqual([]);
  });

  it('runs SQL only in repositories', () => {
    const running = files
      .filter(({ file }) => moduleOf(file).startsWith('modules/') && !file.endsWith('.repository.ts'))
      // Opening a transaction for a service's unit of work is not running SQL; a query is.
      .filter(({ text }) =>
        /\.execute(TakeFirst(OrThrow)?)?\(|\.query\(/.test(text.replaceAll('.transaction().execute(', '')),
      )
      .map(({ file }) => relative(file));
    expect(running).toEqual([]);
  });

  it('pages lists with the one pagination helper', () => {
    const handRolled = files
      .filter(({ file }) => !relative(file).startsWith('platform/http/pagination'))
      .filter(({ text }) => /next_page:\s*null|has_more:\s*false/.test(text))
      .map(({ file }) => relative(file));
    expect(handRolled).toEqual([]);
  });
});

describe('cyclesOf', () => {
  const graphOf = (edges: [string, string][]) => {
    const graph = new Map<string, Map<string, string>>();
    for (const [from, to] of edges) {
      if (!graph.has(from)) graph.set(from, new Map());
      graph.get(from)!.set(to, from);
    }
    return graph;
  };

  it.each([
    { edges: [['a', 'b']] as [string, string][], cycles: [] },
    {
      edges: [
        ['a', 'b'],
        ['b', 'a'],
      ] as [string, string][],
      cycles: [['a', 'b']],
    },
    {
      edges: [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ] as [string, string][],
      cycles: [['a', 'b', 'c']],
    },
  ])('finds $cycles in $edges', ({ edges, cycles }) => {
    expect(cyclesOf(graphOf(edges))).toEqual(cycles);
  });
});
