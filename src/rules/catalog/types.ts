import { RuleFamily } from '../definitions';

/** Run-time types of the public surface (JavaScript callers, `as any`): src/checks/runtime.ts. */
export const TYPE_RULES: RuleFamily = {
  prefix: 'TYPE',
  family: 'Run-time types',
  rules: [
    { id: 'TYPE-001', summary: 'a construct was called without its props object', fix: 'pass the props object the constructor documents' },
    { id: 'TYPE-002', summary: 'a value is not one of the values of its enum', fix: 'use a member of the enum (e.g. DeletionCascade.FOREGROUND), not a string' },
    { id: 'TYPE-003', summary: 'a value is not an instance of the value class the prop expects', fix: 'build it with the class\'s factory (e.g. SyncOption.CREATE_NAMESPACE, ApplicationSource.helm(...))' },
    { id: 'TYPE-004', summary: 'a required prop is missing', fix: 'set the prop' },
    { id: 'TYPE-005', summary: 'a value has the wrong primitive type', fix: 'pass a value of the documented type' },
    { id: 'TYPE-006', summary: 'a value that must be a list is not one', fix: 'pass a list' },
  ],
};
