/**
 * Git URL normalization as Argo CD 3.5.1 does it (`util/git/git.go`: `NormalizeGitURL`, `SameURL`, `IsSSHURL`),
 * with the parts of Go `net/url` (Parse + String) that `NormalizeGitURL` leans on. Pure functions; AppProject
 * `sourceRepos` matching (src/checks/project-rules.ts) and the app-wide checks (src/argocd/app-wide-checks.ts) use them.
 */

const SSH_URL = /^(ssh:\/\/)?([^/:]*?)@[^@]+$/;
const NORMALIZE_CACHE_SIZE = 20000;
const normalizeCache = new Map<string, string>();

/** `util/git.IsSSHURL`: true for `git@host:org/repo` and `ssh://user@host/...` forms. */
export function isSshGitUrl(url: string): boolean {
  return SSH_URL.test(url);
}

/**
 * `util/git.NormalizeGitURL`: lower-cases, trims, turns `git@host:org/repo` into `git@host/org/repo`, drops a
 * trailing `.git` and round-trips the result through Go `net/url` (Parse + String). Returns `''` when Go's URL
 * parser rejects the input (e.g. `ssh://git@host:org/repo`, whose port is not numeric) -- Argo CD then compares
 * the empty string, so two unparseable URLs "match" each other.
 */
export function normalizeGitURL(repo: string): string {
  const hit = normalizeCache.get(repo);
  if (hit !== undefined) return hit;
  let s = repo.trim().toLowerCase();
  if (SSH_URL.test(s) && !s.startsWith('ssh://')) {
    // Replace the first colon of git@server:org/repo with a slash, or net/url would read it as a port.
    s = 'ssh://' + s.replace(':', '/');
  }
  if (s.endsWith('.git')) s = s.slice(0, -'.git'.length);
  const parsed = goUrlRoundTrip(s);
  const out = parsed === undefined ? '' : parsed.startsWith('ssh://') ? parsed.slice('ssh://'.length) : parsed;
  if (normalizeCache.size >= NORMALIZE_CACHE_SIZE) normalizeCache.clear();
  normalizeCache.set(repo, out);
  return out;
}

/**
 * `util/git.SameURL`: both URLs normalize (falling back to the raw string when normalization fails, like
 * `NormalizeGitURLAllowInvalid`) to the same non-empty string.
 */
export function sameGitURL(left: string, right: string): boolean {
  const l = normalizeGitURL(left) || left;
  const r = normalizeGitURL(right) || right;
  return l !== '' && r !== '' && l === r;
}

// --- a port of the parts of Go net/url that NormalizeGitURL exercises (url.go: Parse, String) ---
// Works on "byte strings" (one JS char per UTF-8 byte) so escaping matches Go byte for byte.

type Enc = 'path' | 'host' | 'user' | 'fragment';

function toBytes(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    let encoded: string;
    try {
      encoded = encodeURIComponent(ch);
    } catch {
      encoded = '%EF%BF%BD'; // a lone surrogate: Go would see U+FFFD
    }
    out += encoded.split('%').slice(1).map((h) => String.fromCharCode(parseInt(h, 16))).join('');
  }
  return out;
}

function fromBytes(b: string): string {
  if (!/[\x80-\xff]/.test(b)) return b;
  try {
    return decodeURIComponent(Array.from(b, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  } catch {
    return b;
  }
}

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

function shouldEscape(c: string, mode: Enc): boolean {
  if (isAlnum(c)) return false;
  if (mode === 'host' && '!$&\'()*+,;=:[]<>"'.includes(c)) return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'path') return c === '?';
    if (mode === 'user') return c === '@' || c === '/' || c === '?' || c === ':';
    if (mode === 'fragment') return false;
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

function goEscape(s: string, mode: Enc): string {
  let out = '';
  for (const c of s) out += shouldEscape(c, mode) ? '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0') : c;
  return out;
}

/** Go `unescape`; undefined on an invalid escape or (host mode) an invalid host character. */
function goUnescape(s: string, mode: Enc): string | undefined {
  let out = '';
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) return undefined;
      const byte = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && byte < 0x80 && s.slice(i, i + 3) !== '%25') return undefined;
      out += String.fromCharCode(byte);
      i += 3;
    } else {
      if (mode === 'host' && c.charCodeAt(0) < 0x80 && shouldEscape(c, mode)) return undefined;
      out += c;
      i++;
    }
  }
  return out;
}

function validEncoded(s: string, mode: Enc): boolean {
  for (const c of s) {
    if ('!$&\'()*+,;=:@[]%'.includes(c)) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  return /^:[0-9]*$/.test(port);
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

const SIMPLE_URL = /^[a-z][a-z0-9+.-]*:\/\/([a-z0-9._~-]+@)?[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._~!$&'()*+,;=:@/-]*)?$/;

/** Go `url.Parse(s).String()`, or undefined when Parse fails. Input and output are ordinary JS strings. */
function goUrlRoundTrip(input: string): string | undefined {
  // Fast path: scheme://[user@]host[:port][/path] in plain lowercase ASCII round-trips unchanged.
  if (SIMPLE_URL.test(input)) return input;
  const raw = toBytes(input);
  const hashAt = raw.indexOf('#');
  let rest = hashAt >= 0 ? raw.slice(0, hashAt) : raw;
  if (/[\x00-\x1f\x7f]/.test(rest)) return undefined; // "net/url: invalid control character in URL"
  const rawFragment = hashAt >= 0 ? raw.slice(hashAt + 1) : undefined;
  let fragment: string | undefined;
  if (rawFragment !== undefined) {
    fragment = goUnescape(rawFragment, 'fragment');
    if (fragment === undefined) return undefined;
  }
  if (rest === '*') return finish('', undefined, '', '*', '*', undefined, false, fragment, rawFragment);

  // getScheme
  let scheme = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return undefined; // "missing protocol scheme"
      scheme = rest.slice(0, i).toLowerCase();
      rest = rest.slice(i + 1);
    }
    break;
  }

  let rawQuery: string | undefined;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    rawQuery = '';
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }

  if (!rest.startsWith('/')) {
    if (scheme !== '') {
      return finishOpaque(scheme, rest, rawQuery, fragment, rawFragment);
    }
    const firstSegment = rest.split('/')[0];
    if (firstSegment.includes(':')) return undefined; // "first path segment in URL cannot contain colon"
  }

  let user: string | undefined;
  let host = '';
  let omitHost = false;
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    const h = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if (h === undefined) return undefined;
    host = h;
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!validUserinfo(userinfo)) return undefined;
      const colon = userinfo.indexOf(':');
      const name = goUnescape(colon < 0 ? userinfo : userinfo.slice(0, colon), 'user');
      if (name === undefined) return undefined;
      user = goEscape(name, 'user');
      if (colon >= 0) {
        const password = goUnescape(userinfo.slice(colon + 1), 'user');
        if (password === undefined) return undefined;
        user += ':' + goEscape(password, 'user');
      }
    }
  } else if (scheme !== '' && rest.startsWith('/')) {
    omitHost = true;
  }

  const path = goUnescape(rest, 'path');
  if (path === undefined) return undefined;
  const rawPath = goEscape(path, 'path') === rest ? '' : rest;
  return finish(scheme, user, host, path, rawPath, rawQuery, omitHost, fragment, rawFragment);
}

function parseHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return undefined; // "missing ']' in host"
    if (!validOptionalPort(host.slice(close + 1))) return undefined;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return undefined; // "invalid port ... after host"
  }
  return goUnescape(host, 'host');
}

function finishOpaque(scheme: string, opaque: string, rawQuery: string | undefined, fragment?: string, rawFragment?: string): string {
  return fromBytes(scheme + ':' + opaque + queryAndFragment(rawQuery, fragment, rawFragment));
}

function queryAndFragment(rawQuery: string | undefined, fragment?: string, rawFragment?: string): string {
  let out = rawQuery !== undefined ? '?' + rawQuery : '';
  if (fragment) {
    out += '#' + (rawFragment !== undefined && validEncoded(rawFragment, 'fragment') ? rawFragment : goEscape(fragment, 'fragment'));
  }
  return out;
}

function finish(
  scheme: string, user: string | undefined, host: string, path: string, rawPath: string,
  rawQuery: string | undefined, omitHost: boolean, fragment?: string, rawFragment?: string,
): string {
  let out = scheme !== '' ? scheme + ':' : '';
  if (scheme !== '' || host !== '' || user !== undefined) {
    if (!(omitHost && host === '' && user === undefined)) {
      if (host !== '' || path !== '' || user !== undefined) out += '//';
      if (user !== undefined) out += user + '@';
      if (host !== '') out += goEscape(host, 'host');
    }
  }
  let escapedPath: string;
  if (rawPath !== '' && validEncoded(rawPath, 'path')) escapedPath = rawPath;
  else if (path === '*') escapedPath = '*';
  else escapedPath = goEscape(path, 'path');
  if (escapedPath !== '' && escapedPath[0] !== '/' && host !== '') out += '/';
  if (out === '' && escapedPath.split('/')[0].includes(':')) out += './';
  out += escapedPath;
  return fromBytes(out + queryAndFragment(rawQuery, fragment, rawFragment));
}
