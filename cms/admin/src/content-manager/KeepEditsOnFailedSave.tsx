import { useEffect, useRef } from 'react';
import { useForm } from '@strapi/strapi/admin';

type Values = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A refused save must not throw the editor's work away. A save in the Content Manager writes the edit
 * into its copy of the document at once, takes it back when the server refuses, and fetches the
 * document again; each time that copy changes the form's values are replaced by it, while the errors
 * stay on the fields. The undo and the fetch land in either order, so this puts the edit back after
 * every such replacement for as long as the save's errors are shown, and follows the editor's further
 * changes in the meantime. Registered as a side panel so it runs inside the edit view's form; it shows
 * nothing.
 */
export const KeepEditsOnFailedSave = ({ model }: { model: string }) => {
  const isSubmitting = useForm('KeepEditsOnFailedSave', (state) => state.isSubmitting);
  const values = useForm('KeepEditsOnFailedSave', (state) => state.values) as Values;
  const initialValues = useForm('KeepEditsOnFailedSave', (state) => state.initialValues) as Values;
  const errors = useForm('KeepEditsOnFailedSave', (state) => state.errors) as Values;
  const setValues = useForm('KeepEditsOnFailedSave', (state) => state.setValues) as (values: Values) => void;

  const ours = model.startsWith('plugin::mentorship.');
  /** The edit being saved, then the editor's latest values while the refusal's errors show. */
  const edit = useRef<Values | null>(null);
  const wasSubmitting = useRef(false);
  /** The form's initial values as last seen: a new object means the values were just replaced by it. */
  const seenInitial = useRef(initialValues);
  const replaced = useRef(false);

  useEffect(() => {
    if (!ours) return;
    if (isSubmitting && !wasSubmitting.current) {
      edit.current = values;
      replaced.current = false;
    }
    wasSubmitting.current = isSubmitting;
    if (initialValues !== seenInitial.current) {
      seenInitial.current = initialValues;
      if (edit.current) replaced.current = true;
    }
    if (!edit.current || isSubmitting) return;
    if (Object.keys(errors ?? {}).length === 0) {
      // Saved (or the errors were cleared): nothing to keep.
      edit.current = null;
      replaced.current = false;
      return;
    }
    if (replaced.current) {
      replaced.current = false;
      if (same(values, initialValues) && !same(edit.current, initialValues)) {
        setValues(edit.current);
        return;
      }
    }
    edit.current = values;
  }, [ours, isSubmitting, errors, values, initialValues, setValues]);

  return null;
};
