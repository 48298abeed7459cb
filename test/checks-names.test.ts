import {
  isDns1123Label, isDns1123Subdomain, suggestDns1123Name, validateAnnotationKey, validateAppName, validateLabelKey, validateLabelValue,
} from '../src/checks/names';

// Cases follow k8s.io/apimachinery pkg/util/validation/validation_test.go (TestIsDNS1123Label, TestIsDNS1123Subdomain,
// TestIsQualifiedName, TestIsValidLabelValue).
describe('isDns1123Label', () => {
  test.each([
    ['a', true], ['ab', true], ['abc', true], ['a1', true], ['a-1', true], ['a--1--2--b', true],
    ['0', true], ['01', true], ['012', true], ['1a', true], ['1-a', true], ['1--a--b--2', true],
    ['a'.repeat(63), true],
    ['', false], ['A', false], ['ABC', false], ['aBc', false], ['A1', false], ['A-1', false], ['1-A', false],
    ['-', false], ['a-', false], ['-a', false], ['1-', false], ['-1', false], ['_', false], ['a_', false],
    ['a.b', false], ['a b', false], ['a$b', false], ['a'.repeat(64), false],
  ])('%j => %s', (s, expected) => {
    expect(isDns1123Label(s)).toBe(expected);
  });
});

describe('isDns1123Subdomain', () => {
  test.each([
    ['a', true], ['a.a', true], ['a.b.c', true], ['a-1.b-2', true], ['0.0', true], ['a1.b2.c3', true],
    ['a'.repeat(253), true], [('a'.repeat(63) + '.').repeat(3) + 'a'.repeat(61), true],
    ['', false], ['A', false], ['a.B', false], ['.a', false], ['a.', false], ['a..b', false], ['a.-b', false],
    ['a-.b', false], ['a_b', false], ['a'.repeat(254), false],
  ])('%j => %s', (s, expected) => {
    expect(isDns1123Subdomain(s)).toBe(expected);
  });
});

describe('validateAppName', () => {
  test.each([
    ['guestbook'], ['my-app'], ['team-a.web'], ['a'], ['0app'], ['a'.repeat(63)],
  ])('%j is valid', (name) => {
    expect(validateAppName(name)).toBeUndefined();
  });

  test.each([
    ['', 'the name is empty'],
    ['My_App', 'the name is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit) (got "My_App"). Fix: use lowercase letters, digits and "-", e.g. "my-app"'],
    ['-app', 'e.g. "app"'],
    ['app-', 'e.g. "app"'],
    ['team a/web', 'e.g. "team-a-web"'],
    ['a..b', 'e.g. "a.b"'],
    ['a'.repeat(64), 'the name is 64 characters long; Argo CD names must stay within 63'],
    ['a'.repeat(254), 'the name is 254 characters long'],
  ])('%j is rejected: %s', (name, message) => {
    expect(validateAppName(name)).toContain(message);
  });

  test('messages follow the describeProblem shape', () => {
    expect(validateAppName('Web')).toMatch(/^the name .* \(got "Web"\)\. Fix: .+/);
  });
});

describe('validateLabelValue', () => {
  test.each([
    [''], ['simple'], ['now-with-dashes'], ['1-starts-with-num'], ['end-with-num-1'], ['1234'], ['a'.repeat(63)],
    ['UPPER_case.dots'], ['a_b'],
  ])('%j is valid', (v) => {
    expect(validateLabelValue(v)).toBeUndefined();
  });

  test.each([
    ['nospecialchars%^=@', 'may only contain letters, digits'],
    ['Tama-nui-te-rā', 'may only contain letters, digits'],
    ['-starts-with-dash', 'start and end with a letter or digit'],
    ['ends-with-dash-', 'start and end'],
    ['.starts.with.dot', 'start and end'],
    ['has space', 'may only contain'],
    ['a/b', 'may only contain'],
    ['a'.repeat(64), 'the label value is 64 characters long; label values are limited to 63'],
  ])('%j is rejected: %s', (v, message) => {
    expect(validateLabelValue(v)).toContain(message);
  });
});

describe('validateLabelKey', () => {
  test.each([
    ['simple'], ['now-with-dashes'], ['1-starts-with-num'], ['1234'], ['simple/simple'], ['now-with-dashes/simple'],
    ['now-with-dashes/now-with-dashes'], ['now.with.dots/simple'], ['now-with.dashes-and.dots/simple'], ['1-num.2-num/3-num'],
    ['1234/5678'], ['1.2.3.4/5678'], ['Uppercase_Is_OK_123'], ['example.com/Uppercase_Is_OK_123'],
    ['requests.storage-foo'], ['tooLongName'.repeat(5).slice(0, 63)], ['app.kubernetes.io/instance'],
    ['argocd.argoproj.io/managed-by'], [`${'a'.repeat(253)}/b`],
  ])('%j is valid', (k) => {
    expect(validateLabelKey(k)).toBeUndefined();
  });

  test.each([
    ['nospecialchars%^=@', 'name part may only contain'],
    ['cantendwithadash-', 'name part may only contain'],
    ['-cantstartwithadash-', 'name part may only contain'],
    ['only/one/slash', 'contains more than one "/"'],
    ['Example.com/abc', 'prefix "Example.com" is not a DNS-1123 subdomain'],
    ['example_com/abc', 'prefix "example_com" is not a DNS-1123 subdomain'],
    ['example.com/', 'empty name part'],
    ['/simple', 'empty prefix'],
    ['', 'empty name part'],
    ['example.com/' + 'a'.repeat(64), 'name part is 64 characters long'],
    [`${'a'.repeat(254)}/b`, 'prefix is longer than 253'],
  ])('%j is rejected: %s', (k, message) => {
    expect(validateLabelKey(k)).toContain(message);
  });
});

describe('validateAnnotationKey', () => {
  test.each([
    ['argocd.argoproj.io/sync-wave'], ['argocd.argoproj.io/sync-options'], ['notifications.argoproj.io/subscribe.on-sync-succeeded.slack'],
    ['Example.com/abc'], // annotation keys are lower-cased before validation
    ['kubectl.kubernetes.io/last-applied-configuration'], ['simple'],
  ])('%j is valid', (k) => {
    expect(validateAnnotationKey(k)).toBeUndefined();
  });

  test.each([
    ['a/b/c', 'more than one "/"'],
    ['example_com/abc', 'annotation key prefix'],
    ['example.com/-abc', 'name part may only contain'],
    ['example.com/' + 'a'.repeat(64), 'name part is 64 characters long'],
  ])('%j is rejected: %s', (k, message) => {
    expect(validateAnnotationKey(k)).toContain(message);
  });
});

describe('suggestDns1123Name', () => {
  test.each([
    ['My_App', 'my-app'],
    ['--Team A--', 'team-a'],
    ['a..b', 'a.b'],
    ['a-.b', 'a.b'],
    ['___', ''],
    ['x'.repeat(70) + '-y', 'x'.repeat(63)],
  ])('%j => %j', (input, expected) => {
    expect(suggestDns1123Name(input)).toBe(expected);
  });
});
