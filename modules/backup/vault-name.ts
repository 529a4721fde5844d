const VAULT_NAME_RE = /^[a-zA-Z0-9_-]{2,50}$/;

/**
 * True for a backup vault name: 2-50 letters, digits, '-' and '_'. A plain function with no
 * provider imports, so configuration checks can use it without loading constructs.
 */
export function isBackupVaultName(name: string): boolean {
  return typeof name === 'string' && VAULT_NAME_RE.test(name);
}
