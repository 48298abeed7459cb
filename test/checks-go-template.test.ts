import {
  argoNormalize, fastTemplateReferences, GoTemplateError, goPrint, isTemplated, renderFastTemplate, renderGoTemplate,
  stripActions, templateReferences,
} from '../src/engines/go-template';

describe('go-template', () => {
  test('GIVEN one template text WHEN rendered again (parsed trees are kept) THEN every render reads its own parameters, and a parse error throws every time', () => {
    const text = '{{range $i, $e := .list}}{{if $i}},{{end}}{{$e | upper}}{{end}}/{{with .svc}}{{.name}}{{else}}none{{end}}';
    expect(renderGoTemplate(text, { list: ['a', 'b'], svc: { name: 'api' } })).toBe('A,B/api');
    expect(renderGoTemplate(text, { list: ['x'], svc: null })).toBe('X/none');
    expect(renderGoTemplate(text, { list: ['a', 'b'], svc: { name: 'api' } })).toBe('A,B/api');
    expect(templateReferences(text)).toEqual(templateReferences(text));
    const bad = '{{if .a}}never closed';
    for (let i = 0; i < 2; i++) expect(() => renderGoTemplate(bad, { a: true })).toThrow(GoTemplateError);
  });

  test('GIVEN field access, pipelines and functions WHEN rendered THEN the result matches Go text/template', () => {
    const p = { env: 'Prod', svc: { name: 'api' }, n: 3, big: 1000000, list: ['a', 'b'] };
    expect(renderGoTemplate('{{.env | lower}}-{{ .svc.name }}', p)).toBe('prod-api');
    expect(renderGoTemplate('{{ printf "%s-%d" .svc.name .n }}', p)).toBe('api-3');
    expect(renderGoTemplate('{{ index .svc "name" }}/{{ .n }}/{{ .big }}', p)).toBe('api/3/1e+06');
    expect(renderGoTemplate('{{ normalize "My_App.v1" }}', p)).toBe('my-app.v1');
    expect(renderGoTemplate('{{ default "x" .missing }}', p, { missingKeyError: false })).toBe('x');
    expect(renderGoTemplate('{{ dig "svc" "name" "none" . }}-{{ dig "nope" "none" . }}', p)).toBe('api-none');
    expect(renderGoTemplate('{{- if eq .env "Prod" }} yes {{- else }} no {{- end }}', p)).toBe(' yes');
    expect(renderGoTemplate('{{ range $i, $v := .list }}{{ $i }}={{ $v }};{{ end }}', p)).toBe('0=a;1=b;');
    expect(renderGoTemplate('{{ toJson (concat (list "A=1") .list) }}', p)).toBe('["A=1","a","b"]');
    expect(renderGoTemplate('{{ .svc.name | upper | trunc 2 }}', p)).toBe('AP');
    expect(renderGoTemplate('{{/* comment */}}plain', p)).toBe('plain');
  });

  test('GIVEN missingkey=error WHEN a key is missing THEN it fails naming the key', () => {
    expect(() => renderGoTemplate('{{.region}}', { env: 'dev' })).toThrow(/map has no entry for key "region"/);
    try {
      renderGoTemplate('{{.a.b}}', { a: {} });
    } catch (e) {
      expect((e as GoTemplateError).missingKey).toBe('b');
    }
    expect(renderGoTemplate('{{.region}}', { env: 'dev' }, { missingKeyError: false })).toBe('<no value>');
  });

  test('GIVEN unsupported constructs WHEN rendered THEN a clear GoTemplateError', () => {
    expect(() => renderGoTemplate('{{ sha256sum .x }}', { x: 'a' })).toThrow(/function "sha256sum" is not supported/);
    expect(() => renderGoTemplate('{{ template "x" }}', {})).toThrow(/not supported/);
    expect(() => renderGoTemplate('{{ if .x }}', { x: 1 })).toThrow(/missing \{\{end\}\}/);
  });

  test('GIVEN a template WHEN its references are read THEN root paths only (not inside range/with, not variables)', () => {
    expect(templateReferences('{{.env}}-{{ .svc.name | lower }}-{{ index .labels "team" }}')).toEqual(['env', 'labels.team', 'svc.name']);
    expect(templateReferences('{{ range .items }}{{ .name }}{{ end }}{{ with .x }}{{ .y }}{{ end }}{{ $.z }}')).toEqual(['items', 'x', 'z']);
    expect(templateReferences('{{ if .on }}{{ .a }}{{ else }}{{ .b }}{{ end }}')).toEqual(['a', 'b', 'on']);
    expect(templateReferences('{{ dig "a" "b" . }}{{ $v := .c }}{{ $v.d }}')).toEqual(['c']);
  });

  test('GIVEN helpers WHEN used THEN they behave like their Argo CD counterparts', () => {
    expect(isTemplated('{{.x}}')).toBe(true);
    expect(isTemplated('plain')).toBe(false);
    expect(stripActions('{{.env}}-api', 'a')).toBe('a-api');
    expect(argoNormalize('-Feature/ABC_1-')).toBe('feature-abc-1');
    expect(goPrint({ b: 1, a: [true, null] })).toBe('map[a:[true <no value>] b:1]');
    expect(renderFastTemplate('{{cluster}}-{{ path.basename }}-{{nope}}', { 'cluster': 'c1', 'path.basename': 'x' })).toBe('c1-x-{{nope}}');
    expect(fastTemplateReferences('{{a}}{{ b.c }}')).toEqual(['a', 'b.c']);
  });
});
