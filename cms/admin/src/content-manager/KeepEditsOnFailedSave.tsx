import { useEffect, useRef } from 'react';
import { useForm } from '@strapi/strapi/admin';

type Values = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A refused save must not throw the editor's work away. The Content Manager refetches the document
 * after any save, and when the refetched values replace the form's, a refused edit is lost while its
 * errors stay on the fields. This puts the edit back, once, right after that happens.
 * Registered as a side panel so it runs inside the edit view's form; it shows nothing.
 */
export const KeepEditsOnFailedSave = ({ model }: { model: string }) => {
  const isSubmitting = useForm('KeepEditsOnFailedSave', (state) => state.isSubmitting);
  const values = useForm('KeepEditsOnFailedSave', (state) => state.values) as Values;
  const initialValues = useForm('KeepEditsOnFailedSave', (state) => state.initialValues) as Values;
  const errors = useForm('KeepEditsOnFailedSave', (state) => state.errors) as Values;
  const setValues = useForm('KeepEditsOnFailedSave', (state) => state.setValues) as (values: Values) => void;
  const submitted = useRef<Values | null>(null);

  const ours = model.startsWith('plugin::mentorship.');

  const wasSubmitting = useRef(false);

  useEffect(() => {
    // the values at the moment a save starts
    if (ours && isSubmitting && !wasSubmitting.current) submitted.current = values;
    wasSubmitting.current = isSubmitting;
  }, [ours, isSubmitting, values]);

  useEffect(() => {
    const edit = submitted.current;
    if (!ours || isSubmitting || !edit || Object.keys(errors ?? {}).length === 0) return;
    if (same(values, initialValues) && !same(edit, initialValues)) {
      submitted.current = null;
      setValues(edit);
    }
  }, [ours, isSubmitting, errors, values, initialValues, setValues]);

  return null;
};
