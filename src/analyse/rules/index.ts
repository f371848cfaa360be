import { concurrentlyInTransaction } from './concurrently-in-transaction.js';
import { constraintWithoutNotValid } from './constraint-without-not-valid.js';
import { deleteWithoutWhere } from './delete-without-where.js';
import { dropColumn } from './drop-column.js';
import { dropDatabase } from './drop-database.js';
import { dropSchema } from './drop-schema.js';
import { dropTable } from './drop-table.js';
import { enumValueRemoved } from './enum-value-removed.js';
import { indexWithoutConcurrently } from './index-without-concurrently.js';
import { primaryKeyChanged } from './primary-key-changed.js';
import { renameAsDropAdd } from './rename-as-drop-add.js';
import { renameColumn } from './rename-column.js';
import { renameTable } from './rename-table.js';
import { requiredColumnWithoutDefault } from './required-column-without-default.js';
import type { Rule } from './rule.js';
import { setNotNull } from './set-not-null.js';
import { truncate } from './truncate.js';
import { typeChange } from './type-change.js';
import { uniqueOnExistingTable } from './unique-on-existing-table.js';
import { updateWithoutWhere } from './update-without-where.js';

/** Every static rule, in the order reports list their findings for one statement. */
export const RULES: readonly Rule[] = [
  dropDatabase,
  dropTable,
  dropSchema,
  dropColumn,
  renameAsDropAdd,
  renameColumn,
  renameTable,
  typeChange,
  enumValueRemoved,
  primaryKeyChanged,
  truncate,
  deleteWithoutWhere,
  requiredColumnWithoutDefault,
  setNotNull,
  uniqueOnExistingTable,
  constraintWithoutNotValid,
  indexWithoutConcurrently,
  concurrentlyInTransaction,
  updateWithoutWhere,
];
