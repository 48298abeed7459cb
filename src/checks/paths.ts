import * as fs from 'fs';
import * as path from 'path';

/**
 * Path containment: the one check every path the library writes or reads goes through.
 *
 * A path that reaches the library (a chart id, a `GitOpsChart` folder, a generated file, a Helmfile `bases:` entry
 * or value file, a component folder) must stay inside the folder it belongs to, whatever the string is: `..`
 * segments, absolute paths, Windows drive letters and backslashes, NUL bytes, and (for reads) symbolic links that
 * point outside the folder are refused. These functions return a problem (a sentence) or the contained path; the
 * callers turn a problem into a rule finding with their construct path.
 */

/** Why `rel` is not a relative path that stays inside its folder, or undefined when it is (posix or Windows forms). */
export function relativePathProblem(rel: unknown): string | undefined {
  if (typeof rel !== 'string') return `is not a string (got ${typeof rel})`;
  if (rel.includes('\0')) return 'contains a NUL byte';
  const p = rel.replace(/\\/g, '/');
  if (p.startsWith('/')) return 'is absolute';
  if (/^[a-zA-Z]:/.test(p)) return 'starts with a drive letter (absolute on Windows)';
  if (p.startsWith('~')) return 'starts with ~ (a home directory)';
  let depth = 0;
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      depth--;
      if (depth < 0) return 'climbs above its folder with ..';
    } else {
      depth++;
    }
  }
  return undefined;
}

/** Whether `rel` contains a `..` segment anywhere (even one that comes back down, like `a/../b`). */
export function hasDotDotSegment(rel: string): boolean {
  return rel.replace(/\\/g, '/').split('/').includes('..');
}

/**
 * `rel` normalized to posix separators without empty or `.` segments, or a problem when it is not a path inside its
 * folder. A `..` segment is refused even where it would come back down (`a/../b`): an output path names one place.
 */
export function containedRelativePath(rel: unknown): { path: string } | { problem: string } {
  const problem = relativePathProblem(rel);
  if (problem) return { problem };
  const p = (rel as string).replace(/\\/g, '/');
  if (hasDotDotSegment(p)) return { problem: 'contains a .. segment' };
  return { path: p.split('/').filter(s => s !== '' && s !== '.').join('/') };
}

/** Whether the absolute path `child` is `root` or below it (lexically). */
export function isInside(root: string, child: string): boolean {
  const r = path.resolve(root);
  const c = path.resolve(child);
  if (c === r) return true;
  const rel = path.relative(r, c);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Resolves `target` (relative to `baseDir`, or absolute) for reading and checks it stays inside `root`, following
 * symbolic links of whatever exists (a link inside the folder that points outside it is refused too).
 * Returns the resolved path or a problem.
 */
export function resolveInside(root: string, baseDir: string, target: string): { path: string } | { problem: string } {
  if (typeof target !== 'string' || target === '') return { problem: 'is empty or not a string' };
  if (target.includes('\0')) return { problem: 'contains a NUL byte' };
  const full = path.resolve(baseDir, target);
  if (!isInside(root, full)) return { problem: `resolves outside ${root}` };
  const realRoot = realpathOrSelf(root);
  const real = realpathOrSelf(full);
  if (!isInside(realRoot, real)) return { problem: `is (through a symbolic link) outside ${root}` };
  return { path: full };
}

/** The real path of `p`, or of its deepest existing ancestor joined with the rest when `p` does not exist. */
function realpathOrSelf(p: string): string {
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}
