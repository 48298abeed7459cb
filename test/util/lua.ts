/**
 * Runs an Argo CD resource health script (Lua) in the real Lua 5.1 interpreter, the way Argo CD does.
 *
 * Argo CD (util/lua/lua.go) runs a health script as a chunk in gopher-lua (Lua 5.1) with the global `obj` set
 * to the live object and only the `base`, `table` and a "safe" `os` library opened (no `string`, `math`,
 * `io`, `debug`): the chunk must return a table `{ status, message }`. This harness reproduces that:
 * it serializes `obj` into a Lua table literal, loads the script as a chunk with `loadstring`, runs it in a
 * sandbox environment holding only those libraries (and strips the string metatable, so `s:find(...)` fails
 * like it does in Argo CD), and prints the result in a length-prefixed, parseable form.
 *
 * The `lua5.1` binary is required (`apt-get install -y lua5.1`); when it is missing every call throws
 * saying so, tests never pass silently. `$LUA51` overrides the binary path.
 */
import { spawnSync } from 'child_process';

/** What a health script returned. `status`/`message` are undefined when the script left them nil. */
export interface LuaHealthResult {
  readonly status?: string;
  readonly message?: string;
}

/** The interpreter binary: `$LUA51` or `lua5.1` on the PATH. */
export function luaBinary(): string {
  return process.env.LUA51 ?? 'lua5.1';
}

/**
 * A Lua 5.1 string literal for `s` (UTF-8 bytes kept as they are; quotes, backslashes and control
 * characters escaped with 3-digit decimal escapes, which are safe whatever follows them).
 */
export function luaString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (code < 0x20 || code === 0x7f) out += '\\' + String(code).padStart(3, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * A Lua table constructor for a JSON-like value, converted the way Argo CD converts an object for Lua:
 * objects become tables with string keys, arrays become sequences (1-based), `null`/`undefined` are left
 * out (an object key is omitted; an array item is dropped, as gopher-lua's `Append(nil)` does).
 */
export function toLuaLiteral(value: unknown, path = 'obj'): string {
  if (value === null || value === undefined) return 'nil';
  switch (typeof value) {
    case 'string':
      return luaString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`toLuaLiteral: ${path} is ${value}; JSON has no such number`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        const items = value
          .map((v, i) => (v === null || v === undefined ? undefined : toLuaLiteral(v, `${path}[${i}]`)))
          .filter((v): v is string => v !== undefined);
        return `{${items.join(', ')}}`;
      }
      const fields = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `[${luaString(k)}] = ${toLuaLiteral(v, `${path}.${k}`)}`);
      return `{${fields.join(', ')}}`;
    }
    default:
      throw new Error(`toLuaLiteral: ${path} is a ${typeof value}; only JSON values can be passed to Lua`);
  }
}

/** The Lua program that runs `script` against `obj` in an Argo-CD-like sandbox and prints the result. */
export function healthProgram(script: string, obj: unknown): string {
  return [
    'local write = io.write',
    'local tostring, type = tostring, type',
    `local chunk, loadError = loadstring(${luaString(script)}, "=health.lua")`,
    'if chunk == nil then error("health script does not compile: " .. loadError, 0) end',
    // what Argo CD opens: base (minus file loading), table, and the safe os subset
    'local env = {',
    '  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,',
    '  rawequal = rawequal, rawget = rawget, rawset = rawset, select = select, setmetatable = setmetatable,',
    '  getmetatable = getmetatable, tonumber = tonumber, tostring = tostring, type = type, unpack = unpack,',
    '  xpcall = xpcall, print = print, _VERSION = _VERSION,',
    '  table = { concat = table.concat, insert = table.insert, remove = table.remove, sort = table.sort,',
    '            getn = table.getn, maxn = table.maxn },',
    '  os = { time = os.time, date = os.date, clock = os.clock, difftime = os.difftime },',
    '}',
    'env._G = env',
    `env.obj = ${toLuaLiteral(obj)}`,
    'setfenv(chunk, env)',
    // no string library in Argo CD: string methods must fail here too
    'getmetatable("").__index = nil',
    'local hs = chunk()',
    'if type(hs) ~= "table" then error("health script returned " .. type(hs) .. ", Argo CD expects a table", 0) end',
    'local function field(v)',
    '  if v == nil then write("-\\n") return end',
    '  local s = tostring(v)',
    '  write("+", #s, "\\n", s, "\\n")',
    'end',
    'field(hs.status)',
    'field(hs.message)',
  ].join('\n');
}

/** Parses what healthProgram prints: per field `-` (nil) or `+<byte length>\n<bytes>\n`. */
function parseOutput(stdout: Buffer): LuaHealthResult {
  let pos = 0;
  const next = (): string | undefined => {
    const nl = stdout.indexOf(0x0a, pos);
    if (nl < 0) throw new Error(`unexpected Lua output: ${JSON.stringify(stdout.toString('utf8'))}`);
    const head = stdout.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    if (head === '-') return undefined;
    if (!/^\+\d+$/.test(head)) throw new Error(`unexpected Lua output: ${JSON.stringify(stdout.toString('utf8'))}`);
    const len = Number(head.slice(1));
    const value = stdout.subarray(pos, pos + len).toString('utf8');
    pos += len + 1;
    return value;
  };
  const status = next();
  const message = next();
  return { status, message };
}

/**
 * Runs an Argo CD health script against `obj` in `lua5.1` and returns what it set in `hs`.
 * Throws (with the interpreter's message) when the script fails to compile, raises an error, or does not
 * return a table; throws when `lua5.1` is not installed.
 */
export function runHealthLua(script: string, obj: unknown): LuaHealthResult {
  const bin = luaBinary();
  const res = spawnSync(bin, ['-'], { input: healthProgram(script, obj), timeout: 10_000 });
  if (res.error) {
    const code = (res.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        `The Lua 5.1 interpreter '${bin}' was not found: health checks are tested in real Lua. ` +
        'Install it with `apt-get install -y lua5.1` (or set $LUA51 to the binary).',
      );
    }
    throw new Error(`running ${bin} failed: ${res.error.message}`);
  }
  if (res.status !== 0) {
    throw new Error(`health script failed in ${bin} (exit ${res.status}): ${res.stderr.toString('utf8').trim()}`);
  }
  return parseOutput(res.stdout);
}
