export * from './web-acl';
export * from './managed-rule-groups';
