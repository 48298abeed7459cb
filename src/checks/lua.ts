import type * as Luaparse from 'luaparse';

let luaparse: typeof Luaparse | undefined;

/** A syntax error in a Lua script: the 1-based line and luaparse's message. */
export interface LuaSyntaxError {
  readonly line: number;
  readonly message: string;
}

/**
 * The first syntax error of a Lua script (what Argo CD's gopher-lua runs health checks and actions with), or
 * undefined when it parses (Lua 5.2 syntax: gopher-lua is 5.1 with 5.2's goto). Only the syntax is checked: the script is not run.
 */
export function luaSyntaxError(script: string): LuaSyntaxError | undefined {
  // loaded at the first script checked, not with the settings module (issue 16: start-up)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  luaparse ??= require('luaparse') as typeof Luaparse;
  try {
    luaparse.parse(script, { luaVersion: '5.2', comments: false, locations: false, ranges: false, scope: false });
    return undefined;
  } catch (e: any) {
    const line = typeof e?.line === 'number' ? e.line : 1;
    const message = String(e?.message ?? e).replace(/^\[\d+:\d+\]\s*/, '');
    return { line, message };
  }
}
