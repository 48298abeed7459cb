import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { attachRules, passCache } from './engine';

/**
 * One index of the construct tree per synth pass: the whole-app checks read it instead of walking the tree
 * themselves (`node.findAll()` per construct made validation quadratic). Built on first use in a pass, after the
 * pass's prepare hooks ran, and shared by every check of that pass; outside a pass (a direct call) it is built
 * fresh each time.
 */
export class TreeIndex {
  /** The index of the app `scope` belongs to, for the current synth pass. */
  public static of(scope: IConstruct): TreeIndex {
    attachRules(scope);
    return passCache(scope, 'tree-index', () => new TreeIndex(scope.node.root));
  }

  /** Every construct of the app, in pre-order (the order of `node.findAll()`). */
  public readonly all: readonly IConstruct[];
  private readonly selections = new Map<string, readonly IConstruct[]>();
  private byChart?: Map<Chart, ApiObject[]>;

  private constructor(root: IConstruct) {
    this.all = root.node.findAll();
  }

  /** The constructs that satisfy `test`, cached under `key` for the pass (use one key per test). */
  public select<T extends IConstruct>(key: string, test: (c: IConstruct) => c is T): readonly T[] {
    let s = this.selections.get(key);
    if (!s) this.selections.set(key, s = this.all.filter(test));
    return s as readonly T[];
  }

  /** Every ApiObject of the app (selection `api-objects`). */
  public get apiObjects(): readonly ApiObject[] {
    return this.select('api-objects', isApiObject);
  }

  /** The ApiObjects `chart` renders itself (`Chart.of(o) === chart`: not those of charts nested in it), in tree order. */
  public objectsOf(chart: Chart): readonly ApiObject[] {
    if (!this.byChart) {
      this.byChart = new Map();
      for (const o of this.apiObjects) {
        const ch = Chart.of(o);
        const list = this.byChart.get(ch);
        if (list) list.push(o);
        else this.byChart.set(ch, [o]);
      }
    }
    return this.byChart.get(chart) ?? [];
  }
}

function isApiObject(c: IConstruct): c is ApiObject {
  return c instanceof ApiObject;
}
