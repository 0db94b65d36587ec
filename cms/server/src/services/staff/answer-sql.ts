import type { EligibilityRule } from '../../../../shared/eligibility';

/**
 * Conditions on a profile's answers (a JSON column) as SQL, so the applications queue filters,
 * counts and pages in the database. Each condition means exactly what its JavaScript counterpart
 * in `shared/eligibility.ts` means (same types, same treatment of a missing answer) and is never
 * NULL, so NOT of it is its complement. SQLite reads the column with its JSON functions,
 * PostgreSQL stores it as jsonb.
 */
export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlCondition {
  sql: string;
  bindings: (string | number)[];
}

type Scalar = string | number | boolean;

const TRUE: SqlCondition = { sql: '(1 = 1)', bindings: [] };
const FALSE: SqlCondition = { sql: '(1 = 0)', bindings: [] };

export const allOf = (conditions: SqlCondition[]): SqlCondition =>
  conditions.length === 0 ? TRUE : { sql: `(${conditions.map((item) => item.sql).join(' AND ')})`, bindings: conditions.flatMap((item) => item.bindings) };

export const anyOf = (conditions: SqlCondition[]): SqlCondition =>
  conditions.length === 0 ? FALSE : { sql: `(${conditions.map((item) => item.sql).join(' OR ')})`, bindings: conditions.flatMap((item) => item.bindings) };

export const not = (condition: SqlCondition): SqlCondition => ({ sql: `(NOT ${condition.sql})`, bindings: condition.bindings });

/** A condition that may be NULL (a missing answer) read as false. */
const definite = (dialect: SqlDialect, condition: SqlCondition): SqlCondition => ({
  sql: `COALESCE(${condition.sql}, ${dialect === 'postgres' ? 'false' : '0'})`,
  bindings: condition.bindings,
});

/** The SQLite JSON path of a question key ("$."key""), quoted so any key is one label. */
const sqlitePath = (key: string) => `$.${JSON.stringify(key)}`;

/**
 * Conditions on one JSON column (`column` is trusted SQL, e.g. "p.answers"); keys and values are
 * always bound, never spliced.
 */
export const answerConditions = (dialect: SqlDialect, column: string) => {
  /** SQLite: the JSON value at `path` equals `value`, type included ("3" is not 3, as with ===). */
  const sqliteEquals = (typeSql: string, valueSql: string, typeBindings: (string | number)[], valueBindings: (string | number)[], value: Scalar): SqlCondition => {
    if (typeof value === 'boolean') return { sql: `(${typeSql} = ?)`, bindings: [...typeBindings, value ? 'true' : 'false'] };
    if (typeof value === 'number') return { sql: `(${typeSql} IN ('integer', 'real') AND ${valueSql} = ?)`, bindings: [...typeBindings, ...valueBindings, value] };
    return { sql: `(${typeSql} = 'text' AND ${valueSql} = ?)`, bindings: [...typeBindings, ...valueBindings, value] };
  };

  const pgValue = `(${column} -> ?::text)`;

  /** answer === value */
  const equals = (key: string, value: Scalar): SqlCondition =>
    definite(
      dialect,
      dialect === 'postgres'
        ? { sql: `(${pgValue} = ?::jsonb)`, bindings: [key, JSON.stringify(value)] }
        : sqliteEquals(`json_type(${column}, ?)`, `json_extract(${column}, ?)`, [sqlitePath(key)], [sqlitePath(key)], value),
    );

  /** answered: not missing, null, '' or [] */
  const present = (key: string): SqlCondition =>
    definite(
      dialect,
      dialect === 'postgres'
        ? {
            sql: `(jsonb_typeof(${pgValue}) <> 'null' AND ${pgValue} <> '""'::jsonb AND ${pgValue} <> '[]'::jsonb)`,
            bindings: [key, key, key],
          }
        : {
            sql: `(json_type(${column}, ?) <> 'null' AND NOT (json_type(${column}, ?) = 'text' AND json_extract(${column}, ?) = '') AND NOT (json_type(${column}, ?) = 'array' AND json_array_length(${column}, ?) = 0))`,
            bindings: [sqlitePath(key), sqlitePath(key), sqlitePath(key), sqlitePath(key), sqlitePath(key)],
          },
    );

  /** The answer, read as a list (a single answer is a list of one), holds `value`. */
  const includes = (key: string, value: Scalar): SqlCondition =>
    dialect === 'postgres'
      ? {
          sql: `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${pgValue}) = 'array' THEN ${pgValue} ELSE jsonb_build_array(${pgValue}) END) AS answer_item(value) WHERE answer_item.value = ?::jsonb)`,
          bindings: [key, key, key, JSON.stringify(value)],
        }
      : (() => {
          const element = sqliteEquals('answer_item.type', 'answer_item.value', [], [], value);
          return { sql: `EXISTS (SELECT 1 FROM json_each(${column}, ?) AS answer_item WHERE ${element.sql})`, bindings: [sqlitePath(key), ...element.bindings] };
        })();

  /** The answer is a number and `comparison` holds between it and `threshold`. */
  const compare = (key: string, comparison: '>=' | '<=' | '>' | '<', threshold: number): SqlCondition =>
    definite(
      dialect,
      dialect === 'postgres'
        ? { sql: `(CASE WHEN jsonb_typeof(${pgValue}) = 'number' THEN (${column} ->> ?::text)::numeric ${comparison} ? ELSE false END)`, bindings: [key, key, threshold] }
        : { sql: `(json_type(${column}, ?) IN ('integer', 'real') AND json_extract(${column}, ?) ${comparison} ?)`, bindings: [sqlitePath(key), sqlitePath(key), threshold] },
    );

  /** One eligibility rule, as `evaluateEligibility` reads it. */
  const rule = (item: EligibilityRule, now: Date): SqlCondition => {
    const values = (Array.isArray(item.value) ? item.value : []) as Scalar[];
    const single = item.value as Scalar;
    const year = now.getUTCFullYear();
    switch (item.operator) {
      case 'present':
        return present(item.field);
      case 'equals':
        return allOf([present(item.field), equals(item.field, single)]);
      case 'not-equals':
        return not(equals(item.field, single));
      case 'in':
        return allOf([present(item.field), anyOf(values.map((value) => equals(item.field, value)))]);
      case 'not-in':
        return not(anyOf(values.map((value) => equals(item.field, value))));
      case 'includes':
        return includes(item.field, single);
      case 'excludes':
        return not(includes(item.field, single));
      case 'at-least':
        return compare(item.field, '>=', item.value as number);
      case 'at-most':
        return compare(item.field, '<=', item.value as number);
      // now - answer < value  <=>  answer > now - value
      case 'years-since-less-than':
        return compare(item.field, '>', year - (item.value as number));
      case 'years-since-at-least':
        return compare(item.field, '<=', year - (item.value as number));
    }
  };

  /** Every rule for `role` holds (no rules: eligible). */
  const eligible = (rules: readonly EligibilityRule[], role: 'mentor' | 'mentee', now: Date): SqlCondition =>
    allOf(rules.filter((item) => item.role === role).map((item) => rule(item, now)));

  return { equals, present, includes, compare, rule, eligible };
};
