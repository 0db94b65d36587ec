import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Drag, Plus, Trash } from '@strapi/icons';
import type { ProfileField } from '../../../shared/profile-fields';
import { useT } from '../useT';

/** What the Content Manager hands a custom field's input (see content-manager's InputRenderer). */
export interface CustomFieldProps {
  name: string;
  value?: unknown;
  onChange: (name: string, value: unknown) => void;
  rawError?: unknown;
  error?: string;
  disabled?: boolean;
  required?: boolean;
  label?: string;
  hint?: React.ReactNode;
}

/** The stored value as a list: an array as saved, or a JSON string left by the old JSON editor. */
export const asList = <T,>(value: unknown): T[] => {
  if (Array.isArray(value)) return value as T[];
  if (typeof value === 'string' && value.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed as T[];
    } catch {
      return [];
    }
  }
  return [];
};

/** The error the server (or the form) put on `path` below the field, whether kept as arrays or objects. */
export const errorAt = (rawError: unknown, ...path: (string | number)[]): string | undefined => {
  let cursor: unknown = rawError;
  for (const segment of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[String(segment)];
  }
  if (typeof cursor === 'string') return cursor;
  if (cursor && typeof cursor === 'object' && 'defaultMessage' in cursor) return String((cursor as { defaultMessage: unknown }).defaultMessage);
  return undefined;
};

/** The drag's own data type, so only this list's entries are dropped here. */
const DRAG_TYPE = 'application/x-mentorship-list-item';

export const move = <T,>(items: readonly T[], from: number, to: number): T[] => {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
};

/**
 * One entry of an editable list: a drag handle (drag it onto another entry to move it there),
 * buttons to move it up or down or remove it, and its form.
 */
export const ListItem = ({
  index,
  count,
  title,
  disabled,
  onMove,
  onRemove,
  dragging,
  setDragging,
  children,
  testId,
}: {
  index: number;
  count: number;
  title: string;
  disabled?: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
  dragging: number | null;
  setDragging: (index: number | null) => void;
  children: React.ReactNode;
  testId: string;
}) => {
  const t = useT();
  // one drag type per list, so a rule is never dropped among criteria
  const dragType = `${DRAG_TYPE}-${testId.replace(/-\d+$/, '')}`;
  return (
    <Box
      data-testid={testId}
      padding={4}
      hasRadius
      borderColor={dragging === index ? 'primary600' : 'neutral200'}
      background="neutral0"
      onDragOver={(event: React.DragEvent) => {
        if (event.dataTransfer.types.includes(dragType)) event.preventDefault();
      }}
      onDrop={(event: React.DragEvent) => {
        const from = Number(event.dataTransfer.getData(dragType));
        if (event.dataTransfer.types.includes(dragType) && Number.isInteger(from)) {
          event.preventDefault();
          onMove(from, index);
        }
        setDragging(null);
      }}
    >
      <Flex justifyContent="space-between" paddingBottom={3} gap={2}>
        <Flex gap={2}>
          <span
            draggable={!disabled}
            onDragStart={(event: React.DragEvent) => {
              // the index travels with the drag itself, so the drop does not depend on a re-render
              event.dataTransfer.setData(dragType, String(index));
              event.dataTransfer.effectAllowed = 'move';
              setDragging(index);
            }}
            onDragEnd={() => setDragging(null)}
            style={{ cursor: disabled ? 'default' : 'grab', display: 'inline-flex' }}
            title={t('editor.dragToMove', 'Drag to move')}
          >
            <Drag aria-hidden />
          </span>
          <Typography variant="delta" tag="h3">
            {title}
          </Typography>
        </Flex>
        <Flex gap={1}>
          <IconButton label={t('editor.moveUp', 'Move up')} disabled={disabled || index === 0} onClick={() => onMove(index, index - 1)} variant="ghost">
            <ArrowUp />
          </IconButton>
          <IconButton label={t('editor.moveDown', 'Move down')} disabled={disabled || index === count - 1} onClick={() => onMove(index, index + 1)} variant="ghost">
            <ArrowDown />
          </IconButton>
          <IconButton label={t('editor.remove', 'Remove')} disabled={disabled} onClick={onRemove} variant="ghost">
            <Trash />
          </IconButton>
        </Flex>
      </Flex>
      {children}
    </Box>
  );
};

/**
 * The frame every list field of the plugin shares in the Content Manager: the field's label, error
 * and hint, a note when the list is empty, each entry in a ListItem (drag, move, remove) with its
 * form, and a button that adds an entry. Each editor gives only its entry's form.
 */
export const ListField = <T,>({
  name,
  label,
  hint,
  required,
  rawError,
  error,
  disabled,
  value,
  onChange,
  testId,
  itemTestId,
  emptyText,
  addLabel,
  newItem,
  titleOf,
  renderItem,
}: CustomFieldProps & {
  testId: string;
  itemTestId: string;
  emptyText?: string;
  addLabel: string;
  newItem: () => T;
  titleOf: (item: T) => string;
  renderItem: (item: T, index: number, props: { rawError: unknown; onChange: (item: T) => void; items: T[] }) => React.ReactNode;
}) => {
  const items = asList<T>(value);
  const [dragging, setDragging] = useState<number | null>(null);
  const update = (next: T[]) => onChange(name, next);
  // the server's errors per entry, e.g. { 2: { key: 'duplicate field key "region"' } }
  const errors = rawError && typeof rawError === 'object' ? (rawError as Record<string, unknown>) : undefined;
  return (
    <Field.Root name={name} error={typeof rawError === 'string' ? rawError : error} required={required} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Flex direction="column" alignItems="stretch" gap={3} paddingTop={2} data-testid={testId}>
        {items.length === 0 && emptyText ? (
          <Typography variant="pi" textColor="neutral600">
            {emptyText}
          </Typography>
        ) : null}
        {items.map((item, index) => (
          <ListItem
            key={index}
            testId={`${itemTestId}-${index}`}
            index={index}
            count={items.length}
            title={titleOf(item)}
            disabled={disabled}
            dragging={dragging}
            setDragging={setDragging}
            onMove={(from, to) => update(move(items, from, to))}
            onRemove={() => update(items.filter((_, i) => i !== index))}
          >
            {renderItem(item, index, {
              rawError: errors && typeof errors[index] === 'object' ? errors[index] : undefined,
              onChange: (changed) => update(items.map((candidate, i) => (i === index ? changed : candidate))),
              items,
            })}
          </ListItem>
        ))}
        <Box>
          <Button variant="secondary" startIcon={<Plus />} disabled={disabled} onClick={() => update([...items, newItem()])}>
            {addLabel}
          </Button>
        </Box>
      </Flex>
      <Field.Error />
      <Field.Hint />
    </Field.Root>
  );
};

/** A field whose value is one of a fixed list, shown by the choices' labels (kinds, comparisons, roles). */
export const ChoiceField = <V extends string>({
  name,
  label,
  value,
  choices,
  onChange,
  error,
  disabled,
  required,
}: {
  name: string;
  label: string;
  value: V | undefined;
  choices: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  error?: string;
  disabled?: boolean;
  required?: boolean;
}) => (
  <Field.Root name={name} required={required} error={error}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect
      value={value}
      disabled={disabled}
      onChange={(chosen: string | number) => {
        const choice = choices.find((candidate) => candidate.value === String(chosen));
        if (choice) onChange(choice.value);
      }}
    >
      {choices.map((choice) => (
        <SingleSelectOption key={choice.value} value={choice.value}>
          {choice.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
    <Field.Error />
  </Field.Root>
);

export type QuestionsByRole = Partial<Record<'mentor' | 'mentee', ProfileField[]>>;

/** The questions of the program open in the Content Manager (none while it is being created). */
export const useProgramQuestions = (): QuestionsByRole => {
  const { id } = useParams<{ id?: string }>();
  const { get } = useFetchClient();
  const [questions, setQuestions] = useState<QuestionsByRole>({});
  useEffect(() => {
    if (!id || id === 'create') return;
    let cancelled = false;
    get<{ results: { role: 'mentor' | 'mentee'; fields: unknown }[] }>('/content-manager/collection-types/plugin::mentorship.profile-type', {
      params: { page: 1, pageSize: 10, filters: { program: { documentId: { $eq: id } } } },
    })
      .then(({ data }) => {
        if (cancelled) return;
        const byRole: QuestionsByRole = {};
        for (const type of data.results) byRole[type.role] = asList<ProfileField>(type.fields);
        setQuestions(byRole);
      })
      .catch(() => setQuestions({}));
    return () => {
      cancelled = true;
    };
  }, [get, id]);
  return questions;
};
