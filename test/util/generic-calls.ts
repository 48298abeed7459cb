import { ApiObject } from 'cdk8s';

/** Counts calls of cdk8s's generic `ApiObject.toJson` during `f` (the direct rendering paths avoid it). */
export function genericCalls(f: () => void): number {
  const spy = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    f();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
