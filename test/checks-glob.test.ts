import {
  argoGlobError, argoGlobMatch, clearGlobCache, compileArgoGlob, compileFilepathGlob, globCacheSize, goFilepathMatch,
} from '../src/engines/glob';

// Ported from argoproj/argo-cd util/glob/glob_test.go (Test_Match, Test_MatchWithError, Test_GlobCacheKeyIncludesSeparators).
describe('argoGlobMatch: Argo CD util/glob/glob_test.go', () => {
  test.each([
    ['Exact match', 'hello', 'hello', true],
    ['Non-match exact', 'hello', 'hell', false],
    ['Long glob match', 'hello', 'hell*', true],
    ['Short glob match', 'hello', 'h*', true],
    ['Glob non-match', 'hello', 'e*', false],
    // Argo returns false for a pattern that does not compile, even when text === pattern.
    ['Invalid pattern', 'e[[a*', 'e[[a*', false],
  ])('%s', (_name, input, pattern, expected) => {
    expect(argoGlobMatch(pattern, input)).toBe(expected);
  });

  test('Test_MatchWithError: invalid pattern reports "unexpected end of input"', () => {
    expect(argoGlobError('e[[a*')).toBe('unexpected end of input');
    expect(argoGlobError('hell*')).toBeUndefined();
  });

  test('Test_GlobCacheKeyIncludesSeparators: a*b with and without "/"', () => {
    expect(argoGlobMatch('a*b', 'a/b')).toBe(true);
    expect(argoGlobMatch('a*b', 'a/b', '/')).toBe(false);
    expect(compileArgoGlob('a*b')).not.toBe(compileArgoGlob('a*b', '/'));
  });
});

// Ported from gobwas/glob glob_test.go TestPatternMatch (the engine behind Argo's util/glob).
describe('argoGlobMatch: gobwas/glob TestPatternMatch', () => {
  test.each([
    ['', 'a*a*a*a*b', 'a'.repeat(100), false],
    ['', 'a*a*a*a*b', 'a'.repeat(100) + 'b', true],
    ['', '{a,ab}c', 'abc', true],
    ['', '* ?at * eyes', 'my cat has very bright eyes', true],
    ['', '', '', true],
    ['', '', 'b', false],
    ['', '*ä', 'åä', true],
    ['', 'abc', 'abc', true],
    ['', 'a*c', 'abc', true],
    ['', 'a*c', 'a12345c', true],
    ['', 'a?c', 'a1c', true],
    ['.', 'a.b', 'a.b', true],
    ['.', 'a.*', 'a.b', true],
    ['.', 'a.**', 'a.b.c', true],
    ['.', 'a.?.c', 'a.b.c', true],
    ['.', 'a.?.?', 'a.b.c', true],
    ['', '?at', 'cat', true],
    ['', '?at', 'fat', true],
    ['', '*', 'abc', true],
    ['', '*a*', 'a', true],
    ['', '\\*', '*', true],
    ['.', '**', 'a.b.c', true],
    ['', '?at', 'at', false],
    ['f', '?at', 'fat', false],
    ['.', 'a.*', 'a.b.c', false],
    ['.', 'a.?.c', 'a.bb.c', false],
    ['.', '*', 'a.b.c', false],
    ['', '*test', 'this is a test', true],
    ['', 'this*', 'this is a test', true],
    ['', '*is *', 'this is a test', true],
    ['', '*is*a*', 'this is a test', true],
    ['', '**test**', 'this is a test', true],
    ['', '**is**a***test*', 'this is a test', true],
    ['', '*test*', 'test', true],
    ['', '*is', 'this is a test', false],
    ['', '*no*', 'this is a test', false],
    ['', '[!a]*', 'this is a test3', true],
    ['', '*abc', 'abcabc', true],
    ['', '**abc', 'abcabc', true],
    ['', '???', 'abc', true],
    ['', '?*?', 'abc', true],
    ['', '?*?', 'ac', true],
    ['', 'sta', 'stagnation', false],
    ['', 'sta*', 'stagnation', true],
    ['', 'sta?', 'stagnation', false],
    ['', 'sta?n', 'stagnation', false],
    ['', '{abc,def}ghi', 'defghi', true],
    ['', '{abc,abcd}a', 'abcda', true],
    ['', '{,a}', '', true],
    ['', '{a,}', '', true],
    ['', '{a,ab}{bc,f}', 'abc', true],
    ['', '{*,**}{a,b}', 'ab', true],
    ['', '{*,**}{a,b}', 'ac', false],
    ['', '/{rate,[a-z][a-z][a-z]}*', '/rate', true],
    ['', '/{rate,[0-9][0-9][0-9]}*', '/rate', true],
    ['', '/{rate,[a-z][a-z][a-z]}*', '/usd', true],
    ['.', '{*.google.*,*.yandex.*}', 'www.google.com', true],
    ['.', '{*.google.*,*.yandex.*}', 'www.yandex.com', true],
    ['.', '{*.google.*,*.yandex.*}', 'yandex.com', false],
    ['.', '{*.google.*,*.yandex.*}', 'google.com', false],
    ['.', '{*.google.*,yandex.*}', 'www.google.com', true],
    ['.', '{*.google.*,yandex.*}', 'yandex.com', true],
    ['.', '{*.google.*,yandex.*}', 'www.yandex.com', false],
    ['.', '{*.google.*,yandex.*}', 'google.com', false],
    ['', '*//{,*.}example.com', 'https://www.example.com', true],
    ['', '*//{,*.}example.com', 'http://example.com', true],
    ['', '*//{,*.}example.com', 'http://example.com.net', false],
    ['.', '{a*,b}c', 'abc', true],
    ['', '[a-z][!a-x]*cat*[h][!b]*eyes*', 'my cat has very bright eyes', true],
    ['', '[a-z][!a-x]*cat*[h][!b]*eyes*', 'my dog has very bright eyes', false],
    ['', 'google.com', 'google.com', true],
    ['', 'google.com', 'gobwas.com', false],
    ['', 'https://*.google.*', 'https://account.google.com', true],
    ['', 'https://*.google.*', 'https://google.com', false],
    ['', '{https://*.google.*,*yandex.*,*yahoo.*,*mail.ru}', 'http://yahoo.com', true],
    ['', '{https://*.google.*,*yandex.*,*yahoo.*,*mail.ru}', 'http://google.com', false],
    ['', '{https://*gobwas.com,http://exclude.gobwas.com}', 'https://safe.gobwas.com', true],
    ['', '{https://*gobwas.com,http://exclude.gobwas.com}', 'http://safe.gobwas.com', false],
    ['', '{https://*gobwas.com,http://exclude.gobwas.com}', 'http://exclude.gobwas.com', true],
    ['', '{abc*[a-c]def,abc?[d-g]def,abc[zte]?def}', 'abczqdef', true],
    ['', '{abc*def,abc?def,abc[zte]def}', 'abczdef', true],
    ['', 'abc*', 'abcdef', true],
    ['', 'abc*', 'af', false],
    ['', '*def', 'abcdef', true],
    ['', '*def', 'af', false],
    ['', 'ab*ef', 'abcdef', true],
    ['', 'ab*ef', 'af', false],
    ['', '{a,ab,abc}', 'ab', true],
    ['', '{a,ab,abc}', '', false],
    ['', '{a,ab,abc,abcd}{b,bc,bcd,bcde}{c,cd,cde,cdef}', 'abcdbcdecdef', true],
    ['', '{{a,b},c}', 'a', true],
    ['', '{{a,b},c}', 'c', true],
    ['.', '**a*b', '.a.ab', true],
    ['.', '**a*b', 'axc.ab', true],
    ['.', '**a*b', 'a.axb', true],
    ['.', '*a**b', 'xa.b', true],
    ['.', '**.x', 'a.b.x', true],
    ['.', '*a**b', 'x.ab', false],
    ['', '*{*0,}', '1', true],
    ['', '{ab*}x', 'abzx', true],
    ['', '{ab*}x', 'zzx', false],
    ['', '{ab*}', 'ab', true],
    ['', '{a}{b}{c}', 'abc', true],
    ['', '{**/daxing}/x', 'a/daxing/x', true],
    ['', '{**/daxing}/x', 'zz/x', false],
    ['', '[!a]', '\uFFFD', true],
    ['', '[!a-c]', '\uFFFD', true],
    ['', '[\uFFFD]', '\uFFFD', true],
    ['', 'a\uFFFDb', 'a\uFFFDb', true],
    ['', '?', '\uFFFD', true],
  ])('sep=%j %j ~ %j => %s', (sep, pattern, text, expected) => {
    expect(argoGlobMatch(pattern, text, sep || undefined)).toBe(expected);
  });
});

describe('argoGlobMatch: gobwas/glob v0.2.3 syntax details', () => {
  test.each([
    // a class is either a list of chars or ONE lo-hi range
    ['[a-z0-9]', 'expected close range character'],
    ['[abc', 'unexpected end of input'],
    ['[a-cx]', 'expected close range character'],
    ['[c-a]', "hi character 'a' should be greater than lo 'c'"],
    ['[]', 'could not parse range'],
    ['[!]', 'could not parse range'],
    ['[a-', 'unexpected end of input'],
  ])('%j does not compile (%s) and matches nothing', (pattern, error) => {
    const g = compileArgoGlob(pattern);
    expect(g.error).toBe(error);
    expect(g.match(pattern)).toBe(false);
    expect(g.match('a')).toBe(false);
  });

  test.each([
    ['{a,b', 'a', true, 'unclosed'],
    ['{a,b', 'b', true, 'unclosed'],
    ['ab\\', 'ab', true, 'trailing backslash'],
  ])('%j ~ %j => %s with a version warning', (pattern, text, expected, warning) => {
    const g = compileArgoGlob(pattern);
    expect(g.error).toBeUndefined();
    expect(g.match(text)).toBe(expected);
    expect(g.warning).toContain(warning);
  });

  test.each([
    ['a}b', 'a}b', true], // `}` outside braces is literal
    ['a,b', 'a,b', true], // `,` outside braces is literal
    ['a]b', 'a]b', true],
    ['[!a-c]x', 'dx', true],
    ['[!a-c]x', 'bx', false],
    ['[*?]', '?', true], // specials are literal inside a class
    ['\\{a,b\\}', '{a,b}', true],
    ['a.b+c(d)', 'a.b+c(d)', true], // regex metacharacters stay literal
    ['a.b', 'axb', false],
  ])('%j ~ %j => %s', (pattern, text, expected) => {
    expect(argoGlobMatch(pattern, text)).toBe(expected);
  });

  test('separators may be given as a string or an array', () => {
    expect(argoGlobMatch('a?b', 'a/b', ['/'])).toBe(false);
    expect(argoGlobMatch('a?b', 'a/b', '/.')).toBe(false);
    expect(argoGlobMatch('a?b', 'a.b', '/.')).toBe(false);
    expect(argoGlobMatch('a?b', 'a-b', '/.')).toBe(true);
  });
});

// Cases from gobwas TestPatternMatch that its test also runs through filepath.Match (no braces, no separators),
// plus Go path/filepath match_test.go cases.
describe('goFilepathMatch (Go path/filepath.Match)', () => {
  test.each([
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'abc', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['a[^a][^a][^a]b', 'a☺b', false],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', 'x', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['[\\-x]', 'x', true],
    ['[\\-x]', '-', true],
    ['[\\-x]', 'a', false],
    ['*x', 'xxx', true],
    ['[a-z0-9]*', 'v1', true], // several ranges are fine for filepath.Match
    ['*.k8s.io', 'rbac.authorization.k8s.io', true],
    ['', '', true],
    ['', 'apps', false],
  ])('%j ~ %j => %s', (pattern, name, expected) => {
    expect(goFilepathMatch(pattern, name)).toBe(expected);
  });

  test.each([
    ['[]a]'],
    ['[-]'],
    ['[x-]'],
    ['[-x]'],
    ['\\'],
    ['[a-b-c]'],
    ['['],
    ['[^'],
    ['[^bc'],
    ['a['],
  ])('malformed %j matches nothing', (pattern) => {
    expect(compileFilepathGlob(pattern).error).toBeDefined();
    expect(goFilepathMatch(pattern, 'a')).toBe(false);
    expect(goFilepathMatch(pattern, pattern)).toBe(false);
  });
});

describe('compiled pattern cache', () => {
  test('each pattern compiles once and the cache is reused over many matches', () => {
    clearGlobCache();
    const patterns = Array.from({ length: 50 }, (_, i) => `proj:team-${i}/*`);
    for (let round = 0; round < 200; round++) {
      for (const p of patterns) argoGlobMatch(p, 'proj:team-25/my-app');
    }
    expect(globCacheSize()).toBe(50);
    expect(compileArgoGlob('proj:team-1/*')).toBe(compileArgoGlob('proj:team-1/*'));
  });

  test('10,000 repo checks against a 20-pattern list run in well under a few seconds', () => {
    const patterns = Array.from({ length: 20 }, (_, i) => `https://github.com/org-${i}/*`);
    const start = Date.now();
    let hits = 0;
    for (let i = 0; i < 10000; i++) {
      const repo = `https://github.com/org-${i % 40}/repo-${i}`;
      if (patterns.some((p) => argoGlobMatch(p, repo, '/'))) hits++;
    }
    expect(hits).toBe(5000);
    expect(Date.now() - start).toBeLessThan(3000);
  });
});
