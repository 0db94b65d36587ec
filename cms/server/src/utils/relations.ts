/**
 * Relation values arrive in many shapes (a documentId, an id, `{ documentId }`, `{ connect: [...] }`,
 * `{ set: [...] }`, a list). This reads the single target of a to-one relation from any of them.
 * `undefined` means "not given in this write"; `null` means "cleared".
 */
export type RelationRef = { documentId: string } | { id: number };

const refOf = (value: unknown): RelationRef | null | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length === 0 ? null : refOf(value[value.length - 1]);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.documentId === 'string') return { documentId: record.documentId };
    if (typeof record.id === 'number') return { id: record.id };
    if ('set' in record) return refOf(record.set);
    if ('connect' in record) {
      const connected = refOf(record.connect);
      if (connected) return connected;
    }
    if ('disconnect' in record && Array.isArray(record.disconnect) && record.disconnect.length > 0) return null;
  }
  return undefined;
};

export const singleRelation = (value: unknown): RelationRef | null | undefined => refOf(value);

export const refWhere = (ref: RelationRef) => ('documentId' in ref ? { documentId: ref.documentId } : { id: ref.id });
