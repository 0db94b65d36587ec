import type { ReactNode } from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Flex, Typography } from '@strapi/design-system';
import { ProgramNav } from './ProgramNav';

/** A program page that lists items to act on, one card each, with a plain message when there are none. */
export const ProgramQueuePage = <T,>({
  programId,
  title,
  subtitle,
  empty,
  data,
  error,
  renderItem,
  primaryAction,
}: {
  programId: string;
  title: string;
  subtitle: (count: number) => string;
  empty: string;
  data: T[] | null | undefined;
  error: string | null | undefined;
  renderItem: (item: T) => ReactNode;
  primaryAction?: ReactNode;
}) => {
  if (error && !data) return <Page.Error content={error} />;
  if (!data) return <Page.Loading />;
  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={subtitle(data.length)} primaryAction={primaryAction} />
      <Layouts.Content>
        <ProgramNav programId={programId} />
        {data.length === 0 ? (
          <Box padding={8} background="neutral0" hasRadius shadow="tableShadow">
            <Typography textColor="neutral600">{empty}</Typography>
          </Box>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {data.map(renderItem)}
          </Flex>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
};
