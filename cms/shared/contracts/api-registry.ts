import { z } from 'zod';

/**
 * The members' API's own schema registry: component ids and descriptions for its OpenAPI document.
 * Private (not zod's global registry) so that another document built in the same process, such as
 * the matcher's, neither sees these schemas nor lends them its own ids.
 */
export interface ApiMeta {
  id?: string;
  description?: string;
}

export const apiRegistry = z.registry<ApiMeta>();

/** A named component of the document (`#/components/schemas/<id>`). */
export const component = <T extends z.ZodType>(id: string, schema: T, description?: string): T => {
  apiRegistry.add(schema, description ? { id, description } : { id });
  return schema;
};

/** A description shown beside a field or parameter (on a copy, so a schema used elsewhere keeps its own). */
export const described = <T extends z.ZodType>(schema: T, description: string): T => {
  const copy = schema.clone();
  apiRegistry.add(copy, { description });
  return copy;
};
