import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/** One date format across the staff pages: "30 Nov 2026, 11:34" with a time, "30 Nov 2026" without. */
export const useFormatDate = () => {
  const { formatDate } = useIntl();
  return useCallback(
    (value: string | null | undefined, withTime = true): string => {
      if (!value) return '';
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) return '';
      return formatDate(date, withTime ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', year: 'numeric' });
    },
    [formatDate],
  );
};
