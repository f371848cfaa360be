/**
 * The README's table of rules, from the catalogue: `npx tsx scripts/rules-table.ts` rewrites it in place;
 * test/catalogue.test.ts fails when the README's copy differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { docPath, RULE_IDS, ruleInfo } from '../src/common/catalogue.js';

export const START = '<!-- rules table: generated from src/common/catalogue.ts by scripts/rules-table.ts -->';
export const END = '<!-- end of rules table -->';

export function rulesTable(): string {
  const accepted = (id: (typeof RULE_IDS)[number]) => {
    const { waiver, baseline } = ruleInfo(id);
    return [waiver === true ? 'waiver' : null, baseline === true ? 'baseline' : null].filter(Boolean).join(', ') || 'no';
  };
  const rows = RULE_IDS.map(
    (id) => `| [\`${id}\`](${docPath(id)}) | ${ruleInfo(id).severity} | ${accepted(id)} | ${ruleInfo(id).summary.replaceAll('|', '\\|')} |`,
  );
  return [START, '', '| rule | severity | accepted by | what it catches |', '| --- | --- | --- | --- |', ...rows, '', END].join('\n');
}

/** The README with its table replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no rules table between "${START}" and "${END}"`);
  return readme.slice(0, start) + table + readme.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
  writeFileSync(file, withTable(readFileSync(file, 'utf8'), rulesTable()));
}
