import { useState } from 'react';
import { Button, Flex } from '@strapi/design-system';
import { useT } from '../useT';

/** The first `limit` items, then "and N more" that shows the rest (and "Show fewer" to fold them back). */
export const ExpandableList = <T,>({ items, limit, render }: { items: T[]; limit: number; render: (item: T) => React.ReactNode }) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const shown = open ? items : items.slice(0, limit);
  return (
    <Flex gap={1} wrap="wrap">
      {shown.map(render)}
      {items.length > limit ? (
        <Button size="S" variant="ghost" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t('list.fewer', 'Show fewer') : t('matching.andMore', 'and {count} more', { count: items.length - limit })}
        </Button>
      ) : null}
    </Flex>
  );
};
