import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from './pluginId';

type Values = Record<string, string | number | boolean | null | undefined | Date>;

/** `t(id, defaultMessage, values)`: the plugin's messages (translations/en.json) through react-intl. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, defaultMessage: string, values?: Values) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values as never) as string,
    [formatMessage],
  );
};
