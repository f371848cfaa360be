/**
 * How an error names a setting the user gave: the action reads inputs (`input \`schema\``), the command
 * line reads flags (`\`--schema\``). Each entry point says once which it is, so that every message deep in
 * the pipeline points at what the user can actually change.
 */
let style: 'input' | 'flag' = 'input';

export function nameSettingsAs(kind: 'input' | 'flag'): void {
  style = kind;
}

/** `input \`schema\`` for the action, `\`--schema\`` for the command line. */
export function settingName(name: string): string {
  return style === 'flag' ? `\`--${name}\`` : `input \`${name}\``;
}
