/**
 * Reading the linted files: folders walked recursively (only `.yaml`/`.yml`), every YAML document parsed with
 * the `yaml` package's CST so that each finding can point at `file:line:column`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { compareCodeUnits } from '../checks/order';

/** Default largest file read (bytes); `--max-file-size` changes it. */
export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;
/** Aliases one document may expand (a YAML bomb expands millions). */
export const MAX_ALIAS_COUNT = 1000;

/** A 1-based position in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A file problem met while reading (the linter reports it as a LINT finding). */
export interface ReadProblem {
  readonly rule: string;
  readonly file: string;
  readonly position: Position;
  readonly problem: string;
  readonly value?: unknown;
  readonly fix: string;
}

/** One parsed YAML document of a file. */
export interface SourceDocument {
  /** file as given on the command line / found in a folder, with `/` separators */
  readonly file: string;
  /** 0-based index of the document in its file */
  readonly index: number;
  /** the plain value */
  readonly value: any;
  /** the YAML document (CST-backed nodes with ranges) */
  readonly yaml: YAML.Document.Parsed;
  /** offsets -> line/column of the file */
  readonly lines: YAML.LineCounter;
  /** the text of the file */
  readonly text: string;
}

/** Every file to lint under the given paths (files as they are, folders recursively, sorted); missing paths are returned apart. */
export function collectFiles(paths: readonly string[]): { files: string[]; missing: string[]; skipped: number } {
  const files: string[] = [];
  const missing: string[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = path.resolve(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f.split(path.sep).join('/'));
    }
  };
  const walk = (d: string): void => {
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name)) add(full);
      else skipped++;
    }
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) missing.push(p);
    else if (fs.statSync(p).isDirectory()) walk(p);
    else add(p); // named explicitly: read whatever it is (a non-YAML file gets LINT-001)
  }
  return { files, missing, skipped };
}

/** Parses one file into documents; problems (not YAML, bomb, too big) come back as ReadProblems, never as throws. */
export function readFile(file: string, maxSize: number = DEFAULT_MAX_FILE_SIZE): { docs: SourceDocument[]; problems: ReadProblem[] } {
  const top: Position = { line: 1, column: 1 };
  const size = fs.statSync(file).size;
  if (size > maxSize) {
    return {
      docs: [],
      problems: [{
        rule: 'LINT-003',
        file,
        position: top,
        problem: `the file is ${size} bytes, above the limit of ${maxSize}`,
        value: size,
        fix: 'split the file, or raise the limit with --max-file-size BYTES',
      }],
    };
  }
  const buf = fs.readFileSync(file);
  if (buf.includes(0)) {
    return { docs: [], problems: [{ rule: 'LINT-001', file, position: top, problem: 'the file is binary, not YAML', fix: 'lint YAML files only (folders are filtered to .yaml/.yml)' }] };
  }
  const text = buf.toString('utf8');
  const lines = new YAML.LineCounter();
  const docs: SourceDocument[] = [];
  const problems: ReadProblem[] = [];
  let parsed: YAML.Document.Parsed[];
  try {
    parsed = YAML.parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }) as YAML.Document.Parsed[];
  } catch (e) {
    return { docs: [], problems: [{ rule: 'LINT-001', file, position: top, problem: `the YAML parser failed: ${(e as Error).message}`, fix: 'fix the YAML syntax' }] };
  }
  if (!Array.isArray(parsed)) parsed = [parsed as any];
  parsed.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const pos = lines.linePos(err.pos[0]);
      problems.push({
        rule: 'LINT-001',
        file,
        position: { line: pos.line, column: pos.col },
        problem: `not valid YAML: ${err.message.split('\n')[0]}`,
        fix: 'fix the YAML syntax at this position',
      });
      return;
    }
    if (doc.contents === null) return; // empty document (a trailing ---, comments only)
    let value: any;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const pos = lines.linePos(doc.range[0]);
      const msg = (e as Error).message;
      problems.push(/alias/i.test(msg)
        ? {
          rule: 'LINT-002',
          file,
          position: { line: pos.line, column: pos.col },
          problem: `the document expands more than ${MAX_ALIAS_COUNT} aliases (${msg})`,
          fix: 'write the values out instead of nesting aliases',
        }
        : { rule: 'LINT-001', file, position: { line: pos.line, column: pos.col }, problem: `the document cannot be read: ${msg}`, fix: 'fix the YAML' });
      return;
    }
    docs.push({ file, index, value, yaml: doc, lines, text });
  });
  return { docs, problems };
}

/** `spec.sources[1].path` / `metadata.annotations["a/b"]` -> segments. */
export function parsePath(p: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const m of p.matchAll(re)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`));
    else out.push(m[1]);
  }
  return out;
}

/** segments -> `spec.sources[1].path` */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/**
 * The position of the deepest node on `segments` that exists in the document: the key of a map entry (so a
 * finding about `prune` points at `prune:`), an item of a sequence, or the document start.
 */
export function locate(doc: SourceDocument, segments: readonly (string | number)[]): Position {
  let node: any = doc.yaml.contents;
  let offset: number = node?.range?.[0] ?? doc.yaml.range[0];
  for (const seg of segments) {
    if (YAML.isMap(node)) {
      const pair: any = node.items.find((it: any) => (YAML.isScalar(it.key) ? String(it.key.value) : String(it.key)) === String(seg));
      if (!pair) break;
      offset = pair.key?.range?.[0] ?? offset;
      node = pair.value;
    } else if (YAML.isSeq(node) && typeof seg === 'number') {
      const item: any = node.items[seg];
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const pos = doc.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** 1-based line range [first, last] of a document in its file (comments before it included). */
export function documentLines(doc: SourceDocument): [number, number] {
  return [doc.lines.linePos(doc.yaml.range[0]).line, doc.lines.linePos(Math.max(doc.yaml.range[0], doc.yaml.range[2] - 1)).line];
}
