import * as fs from 'fs';
import * as path from 'path';
import { COVERAGE_DOC, renderCoverageDoc } from './crd-coverage/doc';
import { allFixtureDocs, sourceHydratorDocs } from './crd-coverage/fixtures';
import { canonical, canonicalSchemaPaths, documentPaths } from './crd-coverage/paths';
import { EXCLUDED, TYPED } from './crd-coverage/table';
import { expectSchemaValid } from './util/schema';

const { canonical: schemaPaths, aliased } = canonicalSchemaPaths();
const schemaSet = new Set(schemaPaths);

function excludedBy(p: string): string | undefined {
  return Object.keys(EXCLUDED).find(e => p === e || p.startsWith(`${e}.`) || p.startsWith(`${e}[]`));
}

describe('CRD field coverage', () => {
  test('GIVEN the CRD schemas WHEN every property path is listed THEN each is typed (naming its prop) or excluded with a reason', () => {
    const unmapped = schemaPaths.filter(p => TYPED[p] === undefined && excludedBy(p) === undefined);
    // a new Argo CD CRD fails here, naming each new field: type it (and add it to test/crd-coverage/table.ts) or exclude it
    expect(unmapped).toEqual([]);
    expect(schemaPaths.length).toBeGreaterThan(400);
  });

  test('GIVEN the table WHEN compared with the schemas THEN it names no path the CRDs lack, and no path is both typed and excluded', () => {
    expect(Object.keys(TYPED).filter(p => !schemaSet.has(p))).toEqual([]);
    expect(Object.keys(EXCLUDED).filter(p => !schemaSet.has(p))).toEqual([]);
    expect(Object.keys(TYPED).filter(p => excludedBy(p) !== undefined)).toEqual([]);
    for (const e of Object.values(EXCLUDED)) expect(e.note.length).toBeGreaterThan(10);
  });

  test('GIVEN the aliases WHEN applied THEN every repeated path has a canonical counterpart in the schemas', () => {
    expect(aliased.length).toBeGreaterThan(1000);
    expect(aliased.filter(a => !schemaSet.has(a.canonical))).toEqual([]);
    expect(canonical('ApplicationSet:spec.generators[].matrix.generators[].merge.generators[].list.template.spec.sources[].helm'))
      .toBe('Application:spec.source.helm');
  });

  test('GIVEN programs that set every typed prop WHEN synthesized THEN they are schema-valid and write every typed path', () => {
    const docs = allFixtureDocs();
    expectSchemaValid(docs);
    const written = new Set(docs.flatMap(d => documentPaths(d)).map(canonical));
    const notWritten = Object.keys(TYPED).filter(p => !written.has(p));
    expect(notWritten).toEqual([]);
    // nothing excluded is written by accident
    expect([...written].filter(p => schemaSet.has(p) && excludedBy(p) !== undefined)).toEqual([]);
  });

  test('GIVEN hydrated Applications and ApplicationSet templates WHEN synthesized THEN each kind writes every sourceHydrator path', () => {
    const docs = expectSchemaValid(sourceHydratorDocs());
    const hydratorPaths = Object.keys(TYPED).filter(p => p.startsWith('Application:spec.sourceHydrator'));
    expect(hydratorPaths.length).toBe(schemaPaths.filter(p => p.startsWith('Application:spec.sourceHydrator')).length);
    const byApplications = new Set(docs.filter(d => d.kind === 'Application').flatMap(d => documentPaths(d)));
    // the template's own paths, not folded onto Application's by the aliases
    const byTemplates = new Set(docs.filter(d => d.kind === 'ApplicationSet').flatMap(d => documentPaths(d))
      .filter(p => p.startsWith('ApplicationSet:spec.template.spec.sourceHydrator'))
      .map(p => p.replace(/^ApplicationSet:spec\.template\.spec\./, 'Application:spec.')));
    expect(hydratorPaths.filter(p => !byApplications.has(p))).toEqual([]);
    expect(hydratorPaths.filter(p => !byTemplates.has(p))).toEqual([]);
  });

  test(`GIVEN the table WHEN the docs are rendered THEN ${COVERAGE_DOC} is current (npx ts-node --transpile-only scripts/crd-coverage-doc.ts)`, () => {
    const file = path.join(__dirname, '..', COVERAGE_DOC);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(renderCoverageDoc());
  });
});
