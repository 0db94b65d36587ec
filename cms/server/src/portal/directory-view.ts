import { z } from 'zod';
import type { FacetValue } from '../../../shared/contracts/members';
import type { ProfileField } from '../../../shared/profile-fields';
import { labelsOf } from './program-data';

/**
 * What the mentor and the mentee directory pages share: the query they read, the facets as the page
 * shows them (labels from the profile type, the chosen values ticked) and the links to their pages.
 */
export const PAGE_SIZE = 12;

export const directoryQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  availability: z.enum(['available', 'any']).optional().catch(undefined),
  sort: z.enum(['relevance', 'match', 'name']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
  filters: z.record(z.string().max(60), z.union([z.string().max(200), z.array(z.string().max(200)).max(50)])).optional().catch(undefined),
});

export type DirectoryQuery = z.infer<typeof directoryQuery>;
type Filters = Record<string, string | string[]>;

/** The filters on fields the directory offers; unknown keys (an old link, a hand-edited URL) are dropped rather than answered with an error page. */
export const knownFilters = (query: DirectoryQuery, fields: Pick<ProfileField, 'key'>[]): Filters => {
  const known = new Set(fields.map((field) => field.key));
  return Object.fromEntries(Object.entries(query.filters ?? {}).filter(([key]) => known.has(key)));
};

/** The search's facets (availability apart, shown on its own) with each value's label and whether it is chosen. */
export const facetsView = (facets: Record<string, { label: string; values: FacetValue[] }>, fields: ProfileField[], filters: Filters) => {
  const chosen = (key: string) => {
    const value = filters[key];
    return Array.isArray(value) ? value : value ? String(value).split(',') : [];
  };
  return Object.entries(facets)
    .filter(([key]) => key !== 'availability')
    .map(([key, facet]) => {
      const field = fields.find((candidate) => candidate.key === key);
      return {
        key,
        label: facet.label,
        values: facet.values.map((value) => ({ ...value, label: field ? (labelsOf(field, value.value)[0] ?? value.label) : value.label, checked: chosen(key).includes(value.value) })),
      };
    });
};

/** The link to another page of the same search. */
export const directoryPageUrl = (listUrl: string, query: DirectoryQuery, filters: Filters) => (page: number) => {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.availability) params.set('availability', query.availability);
  if (query.sort) params.set('sort', query.sort);
  for (const [key, values] of Object.entries(filters)) for (const value of Array.isArray(values) ? values : [values]) params.append(`filters[${key}]`, value);
  params.set('page', String(page));
  return `${listUrl}?${params.toString()}`;
};
